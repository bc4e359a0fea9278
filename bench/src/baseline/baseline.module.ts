import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from '@app/persistence';
import { BASELINE_CONFIG } from './baseline-config';
import { ShipmentEventsController } from './shipment-events.controller';
import { StatusProducer } from './status-producer';

@Module({
  imports: [TypeOrmModule.forRoot({ type: 'postgres', url: BASELINE_CONFIG.databaseUrl, entities: ENTITIES, synchronize: false })],
  controllers: [ShipmentEventsController],
  providers: [StatusProducer],
})
export class BaselineModule {}
