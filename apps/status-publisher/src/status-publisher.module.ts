import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { createKafkaClient, KafkaRecordPublisher } from '@app/messaging';
import { PersistenceModule } from '@app/persistence';
import { OutboxRelay } from './outbox-relay.service';

@Module({})
export class StatusPublisherModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: StatusPublisherModule,
      imports: [AppConfigModule.forRoot(config), PersistenceModule],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: KafkaRecordPublisher, useFactory: () => new KafkaRecordPublisher(createKafkaClient(config.kafka, 'status-publisher')) },
        OutboxRelay,
      ],
    };
  }
}
