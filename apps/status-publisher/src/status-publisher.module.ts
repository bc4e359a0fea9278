import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { createKafkaClient, KafkaRecordPublisher } from '@app/messaging';
import { MetricsModule } from '@app/metrics';
import { PersistenceModule } from '@app/persistence';
import { OutboxRelay } from './outbox-relay.service';
import { PublisherMetrics } from './publisher-metrics';

@Module({})
export class StatusPublisherModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: StatusPublisherModule,
      imports: [AppConfigModule.forRoot(config, clock), PersistenceModule, MetricsModule.forApp('status-publisher')],
      providers: [
        { provide: KafkaRecordPublisher, useFactory: () => new KafkaRecordPublisher(createKafkaClient(config.kafka, 'status-publisher')) },
        OutboxRelay,
        PublisherMetrics,
      ],
    };
  }
}
