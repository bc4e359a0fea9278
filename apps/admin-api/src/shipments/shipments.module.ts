import { Module } from '@nestjs/common';
import { DecideShipmentService } from './decide-shipment.service';
import { ShipmentQueries } from './shipment-queries.service';
import { ShipmentsController } from './shipments.controller';

@Module({
  controllers: [ShipmentsController],
  providers: [ShipmentQueries, DecideShipmentService],
  exports: [ShipmentQueries, DecideShipmentService],
})
export class ShipmentsModule {}
