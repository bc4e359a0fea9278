import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { Priority } from '@app/contract';
import { METRICS_REGISTRY } from '@app/metrics';
import { Transition } from '@app/clearance';
import type { BatchOutcome } from './batch-changes';

export interface CommittedBatch {
  topic: string;
  /** Records by what became of them (the `outcome` label). */
  records: BatchOutcome;
  transitions: Transition[];
  deadLetterKinds: string[];
  /** Kafka timestamp (ms) of the record behind each status decision, with its priority. */
  decided: { recordTimestampMs: number; priority: Priority }[];
  durationSeconds: number;
}

/** What the engine counts; written to PostgreSQL as snapshots for the admin API's /metrics. */
@Injectable()
export class EngineMetrics {
  private readonly consumed: Counter<'topic' | 'outcome'>;
  private readonly decisions: Counter<'status' | 'priority'>;
  private readonly deadLetters: Counter<'error_kind'>;
  private readonly decisionLatency: Histogram<'priority'>;
  private readonly batchDuration: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.consumed = new Counter({
      name: 'clearance_events_consumed_total',
      help: 'Inbound records handled by the engine, by what became of them',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    });
    this.decisions = new Counter({
      name: 'clearance_engine_decisions_total',
      help: 'Status decisions made by the engine, by status and priority',
      labelNames: ['status', 'priority'],
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'clearance_dead_letters_total',
      help: 'Records sent to the dead-letter topic, by error kind',
      labelNames: ['error_kind'],
      registers: [registry],
    });
    this.decisionLatency = new Histogram({
      name: 'clearance_decision_latency_seconds',
      help: 'From the inbound record timestamp to the commit of its decision',
      labelNames: ['priority'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    });
    this.batchDuration = new Histogram({
      name: 'clearance_batch_duration_seconds',
      help: 'Time to process one partition batch, transaction included',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  batchCommitted(batch: CommittedBatch, committedAtMs: number): void {
    for (const [outcome, n] of Object.entries(batch.records)) {
      if (n > 0) this.consumed.inc({ topic: batch.topic, outcome }, n);
    }
    for (const t of batch.transitions) this.decisions.inc({ status: t.status.status, priority: t.status.priority });
    for (const kind of batch.deadLetterKinds) this.deadLetters.inc({ error_kind: kind });
    for (const d of batch.decided) {
      this.decisionLatency.observe({ priority: d.priority }, Math.max(0, committedAtMs - d.recordTimestampMs) / 1000);
    }
    this.batchDuration.observe(batch.durationSeconds);
  }
}
