import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@app/metrics';

/** What the status publisher counts. */
@Injectable()
export class PublisherMetrics {
  private readonly published: Counter<'topic'>;
  private readonly outboxDelay: Histogram;
  private readonly refused: Counter<'topic' | 'code'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.published = new Counter({
      name: 'clearance_outbox_published_total',
      help: 'Records published from the outbox, by topic',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.outboxDelay = new Histogram({
      name: 'clearance_outbox_delay_seconds',
      help: 'From the commit of a decision to the acknowledgement of its record by Kafka',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'clearance_outbox_refused_total',
      help: 'Outbox rows the broker refused for good and the publisher set aside, by topic and broker error',
      labelNames: ['topic', 'code'],
      registers: [registry],
    });
  }

  recordPublished(messages: { topic: string; createdAt: Date }[], ackedAtMs: number): void {
    for (const m of messages) {
      this.published.inc({ topic: m.topic });
      this.outboxDelay.observe(Math.max(0, ackedAtMs - m.createdAt.getTime()) / 1000);
    }
  }

  recordRefused(topic: string, code: string): void {
    this.refused.inc({ topic, code });
  }
}
