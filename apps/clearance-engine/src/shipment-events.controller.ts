import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { fromLane, InboundBatch, MESSAGE_PATTERNS } from '@app/messaging';
import type { BatchOutcome } from './application/batch-changes';
import { ProcessShipmentEventBatch } from './application/process-shipment-event-batch';

/** Kafka entry point of the priority lanes: a lane's partition batches in, one use case call. */
@Controller()
export class ShipmentEventsController {
  constructor(private readonly processBatch: ProcessShipmentEventBatch) {}

  @EventPattern(MESSAGE_PATTERNS.shipmentEventBatch)
  handle(@Payload() batches: InboundBatch[]): Promise<BatchOutcome> {
    return this.processBatch.execute(batches.map(fromLane));
  }
}
