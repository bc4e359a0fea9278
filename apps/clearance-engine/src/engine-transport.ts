import { AppConfig } from '@app/config';
import { createKafkaClient, KafkaBatchServer, MESSAGE_PATTERNS } from '@app/messaging';

/** The batch transport of the engine, consuming the shipment events topic of the configuration. */
export function engineTransport(config: AppConfig, onRunning?: () => void): KafkaBatchServer {
  return new KafkaBatchServer({
    kafka: createKafkaClient(config.kafka, 'engine'),
    groupId: config.engine.groupId,
    subscriptions: [{ topic: config.topics.shipmentEvents, pattern: MESSAGE_PATTERNS.shipmentEventBatch }],
    partitionsConsumedConcurrently: config.engine.partitionsConsumedConcurrently,
    onRunning,
  });
}
