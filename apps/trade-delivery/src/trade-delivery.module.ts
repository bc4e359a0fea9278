import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { MetricsModule } from '@app/metrics';
import { PersistenceModule } from '@app/persistence';
import { DeliveryMetrics } from './delivery-metrics';
import { NotificationPurge } from './notification-purge';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSender } from './webhook-sender';

/** The delivery worker: webhooks to the trade's endpoints, and the purge of expired notifications. */
@Module({})
export class TradeDeliveryModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: TradeDeliveryModule,
      imports: [AppConfigModule.forRoot(config, clock), PersistenceModule, MetricsModule.forApp('trade-delivery')],
      providers: [WebhookSender, WebhookDispatcher, NotificationPurge, DeliveryMetrics],
    };
  }
}
