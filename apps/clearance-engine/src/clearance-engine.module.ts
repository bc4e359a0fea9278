import { DynamicModule, Module } from '@nestjs/common';
import { StatusChangeWriter } from '@app/clearance';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { ActivePolicy } from './application/active-policy';
import { ProcessShipmentEventBatch } from './application/process-shipment-event-batch';
import { ShipmentEventsController } from './shipment-events.controller';

@Module({})
export class ClearanceEngineModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ClearanceEngineModule,
      imports: [AppConfigModule.forRoot(config), PersistenceModule],
      controllers: [ShipmentEventsController],
      providers: [{ provide: Clock, useValue: clock }, ActivePolicy, ProcessShipmentEventBatch, StatusChangeWriter],
    };
  }
}
