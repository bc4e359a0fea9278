import { AppConfig } from '@app/config';
import { PRIORITIES } from '@app/contract';
import { createKafkaClient, KafkaBatchServer, MESSAGE_PATTERNS } from '@app/messaging';

/**
 * The engine's consumers: the triage on the shipment events topic, and one consumer per
 * priority lane (its own group, connection and fetch loop), so a STANDARD backlog never
 * holds up a CRITICAL record.
 */
export function engineTransport(config: AppConfig, onRunning?: () => void): KafkaBatchServer {
  const { engine, topics } = config;
  return new KafkaBatchServer({
    kafka: createKafkaClient(config.kafka, 'engine'),
    consumers: [
      {
        groupId: engine.groupId,
        subscriptions: [{ topic: topics.shipmentEvents, pattern: MESSAGE_PATTERNS.triageBatch }],
        partitionsConsumedConcurrently: engine.partitionsConsumedConcurrently,
      },
      ...PRIORITIES.map((lane) => ({
        groupId: engine.laneGroupIds[lane],
        subscriptions: [{ topic: topics.lanes[lane], pattern: MESSAGE_PATTERNS.shipmentEventBatch }],
        partitionsConsumedConcurrently: engine.partitionsConsumedConcurrently,
      })),
    ],
    onRunning,
  });
}
