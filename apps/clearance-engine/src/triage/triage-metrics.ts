import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { Priority } from '@app/contract';
import { METRICS_REGISTRY } from '@app/metrics';

/** What the triage counts: records forwarded per lane, and the time per inbound batch. */
@Injectable()
export class TriageMetrics {
  private readonly forwarded: Counter<'lane'>;
  private readonly batchDuration: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.forwarded = new Counter({
      name: 'clearance_triage_forwarded_total',
      help: 'Inbound records forwarded to a priority lane, by lane',
      labelNames: ['lane'],
      registers: [registry],
    });
    this.batchDuration = new Histogram({
      name: 'clearance_triage_batch_duration_seconds',
      help: 'Time to pin and forward one inbound partition batch',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  routed(counts: Record<Priority, number>, durationSeconds: number): void {
    for (const [lane, n] of Object.entries(counts)) if (n > 0) this.forwarded.inc({ lane }, n);
    this.batchDuration.observe(durationSeconds);
  }
}
