import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboundBatch, MESSAGE_PATTERNS } from '@app/messaging';
import { RoutedCounts, RouteToLanes } from './route-to-lanes';

/** Kafka entry point of the inbound topic: partition batches in, one use case call. */
@Controller()
export class InboundEventsController {
  constructor(private readonly routeToLanes: RouteToLanes) {}

  @EventPattern(MESSAGE_PATTERNS.triageBatch)
  handle(@Payload() batches: InboundBatch[]): Promise<RoutedCounts> {
    return this.routeToLanes.execute(batches);
  }
}
