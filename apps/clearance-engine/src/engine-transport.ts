import { type AppConfig, engineConsumers } from '@app/config';
import { createKafkaClient, KafkaBatchServer, type KafkaBatchServerOptions, MESSAGE_PATTERNS } from '@app/messaging';

/**
 * The engine's consumers: the triage on the shipment events topic, and one consumer per
 * priority lane (its own group, connection and fetch loop), so a STANDARD backlog never
 * holds up a CRITICAL record. A consumer that stops is restarted with a growing back-off;
 * `onGaveUp` is called when one keeps stopping (see KafkaBatchServer).
 */
export function engineTransport(
  config: AppConfig,
  onRunning?: () => void,
  onGaveUp?: KafkaBatchServerOptions['onGaveUp'],
  onProgress?: KafkaBatchServerOptions['onProgress'],
): KafkaBatchServer {
  return new KafkaBatchServer({
    kafka: createKafkaClient(config.kafka, 'engine'),
    consumers: engineConsumers(config).map(({ name, groupId, topic }) => ({
      name,
      groupId,
      subscriptions: [{ topic, pattern: name === 'triage' ? MESSAGE_PATTERNS.triageBatch : MESSAGE_PATTERNS.shipmentEventBatch }],
      partitionsConsumedConcurrently: config.engine.partitionsConsumedConcurrently,
    })),
    onRunning,
    onGaveUp,
    onProgress,
  });
}
