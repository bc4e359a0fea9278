import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { Clock } from '@app/config';
import { METRICS_REGISTRY } from '@app/metrics';
import { TradeNotificationRepository, WebhookEndpointRepository } from '@app/persistence';
import type { CallResult } from './webhook-sender';

/** What the delivery worker counts, and what it reads from PostgreSQL at each scrape (paused endpoints, oldest undelivered). */
@Injectable()
export class DeliveryMetrics {
  private readonly attempts: Counter<'outcome'>;
  private readonly deliveries: Counter<'outcome'>;

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    endpoints: WebhookEndpointRepository,
    notifications: TradeNotificationRepository,
    clock: Clock,
  ) {
    this.attempts = new Counter({
      name: 'trade_webhook_attempts_total',
      help: 'Webhook calls, by outcome (delivered, failed, timeout, refused: an address the SSRF guard does not allow)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.deliveries = new Counter({
      name: 'trade_webhook_deliveries_total',
      help: 'Messages by what became of them: delivered; retry (the endpoint backs off); paused (the endpoint failed past the retry window)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    new Gauge({
      name: 'trade_webhook_endpoints_paused',
      help: 'Webhook endpoints paused after failing past the retry window (GET /api/v1/subscribers shows why)',
      registers: [registry],
      async collect() {
        this.set(await endpoints.countPaused());
      },
    });
    new Gauge({
      name: 'trade_notifications_oldest_undelivered_seconds',
      help: 'Per subscriber: age of its oldest notification neither delivered by webhook nor acknowledged',
      labelNames: ['subscriber'],
      registers: [registry],
      async collect() {
        this.reset();
        const now = clock.now().getTime();
        for (const oldest of await notifications.oldestUndelivered()) {
          this.set({ subscriber: oldest.subscriberId }, Math.max(0, now - oldest.createdAt.getTime()) / 1000);
        }
      },
    });
  }

  recordAttempt(result: CallResult): void {
    if (result.outcome !== 'aborted') this.attempts.inc({ outcome: result.outcome });
  }

  recordDelivery(outcome: 'delivered' | 'retry' | 'paused'): void {
    this.deliveries.inc({ outcome });
  }
}
