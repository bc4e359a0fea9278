import { DynamicModule, Module } from '@nestjs/common';
import { StatusChangeWriter } from '@app/clearance';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { MetricsModule } from '@app/metrics';
import { PersistenceModule } from '@app/persistence';
import { ActivePolicy } from './application/active-policy';
import { EngineMetrics } from './application/engine-metrics';
import { ProcessShipmentEventBatch } from './application/process-shipment-event-batch';
import { ShipmentEventsController } from './shipment-events.controller';

@Module({})
export class ClearanceEngineModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ClearanceEngineModule,
      imports: [AppConfigModule.forRoot(config, clock), PersistenceModule, MetricsModule.forApp('clearance-engine')],
      controllers: [ShipmentEventsController],
      providers: [ActivePolicy, ProcessShipmentEventBatch, StatusChangeWriter, EngineMetrics],
    };
  }
}
