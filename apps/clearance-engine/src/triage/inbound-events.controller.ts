import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InboundBatch, MESSAGE_PATTERNS } from '@app/messaging';
import { RoutedCounts, RouteToLanes } from './route-to-lanes';

/** Kafka entry point of the inbound topic: one partition batch in, one use case call. */
@Controller()
export class InboundEventsController {
  constructor(private readonly routeToLanes: RouteToLanes) {}

  @EventPattern(MESSAGE_PATTERNS.triageBatch)
  handle(@Payload() batch: InboundBatch): Promise<RoutedCounts> {
    return this.routeToLanes.execute(batch);
  }
}
