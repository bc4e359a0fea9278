import { DynamicModule, Module } from '@nestjs/common';
import { StatusChangeWriter } from '@app/clearance';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { createKafkaClient, KafkaRecordPublisher } from '@app/messaging';
import { MetricsModule } from '@app/metrics';
import { PersistenceModule } from '@app/persistence';
import { ActivePolicy } from './application/active-policy';
import { BatchProgress } from './application/batch-progress';
import { BatchWriter } from './application/batch-writer';
import { EngineMetrics } from './application/engine-metrics';
import { ProcessShipmentEventBatch } from './application/process-shipment-event-batch';
import { RecordedBeforeLookup } from './application/recorded-before';
import { ConsumerMetrics } from './consumer-metrics';
import { ShipmentEventsController } from './shipment-events.controller';
import { InboundEventsController } from './triage/inbound-events.controller';
import { RouteToLanes } from './triage/route-to-lanes';
import { TriageMetrics } from './triage/triage-metrics';

@Module({})
export class ClearanceEngineModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ClearanceEngineModule,
      imports: [AppConfigModule.forRoot(config, clock), PersistenceModule, MetricsModule.forApp('clearance-engine')],
      controllers: [InboundEventsController, ShipmentEventsController],
      providers: [
        ActivePolicy,
        BatchProgress,
        RecordedBeforeLookup,
        BatchWriter,
        ProcessShipmentEventBatch,
        StatusChangeWriter,
        EngineMetrics,
        ConsumerMetrics,
        // The triage's producer to the lanes (idempotent: a retried send neither duplicates nor
        // reorders). A send not acknowledged in 10 s fails the batch, which the transport retries
        // (or gives up at shutdown), so an unreachable broker never hangs the engine; what was
        // sent meanwhile may arrive twice, which the lanes recognise (event ids, inbound positions).
        {
          provide: KafkaRecordPublisher,
          useFactory: () => new KafkaRecordPublisher(createKafkaClient(config.kafka, 'engine-triage'), { sendTimeoutMs: 10_000 }),
        },
        RouteToLanes,
        TriageMetrics,
      ],
    };
  }
}
