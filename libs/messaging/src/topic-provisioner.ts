import { Logger, type LoggerService } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { type TopicsConfig } from '@app/config';

/**
 * Record batch limit of the topics whose records are inbound records plus headers (the dead
 * letters and the priority lanes): above the broker's default for the inbound topic.
 */
export const RELAYED_RECORD_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The largest inbound record (key, value and headers, decompressed) the backend carries to a
 * lane and the DLQ as it is: the relayed topics' limit less room for the headers it adds. A
 * larger one is dead-lettered without its value.
 */
export const MAX_CARRIED_RECORD_BYTES = RELAYED_RECORD_MAX_BYTES - 64 * 1024;

/** Creates the product's topics when they are missing (docs/contract.md#topics: the backend does it at start-up). */
export async function ensureTopics(
  kafka: Kafka,
  topics: TopicsConfig,
  logger: LoggerService = new Logger('TopicProvisioner'),
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    const { name, message } = error as Error;
    throw new Error(
      name === 'KafkaJSSASLAuthenticationError'
        ? `Kafka refused the credentials (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD): ${message}`
        : `Kafka is unreachable (KAFKA_BROKERS, KAFKA_SSL*): ${message}`,
    );
  }
  try {
    const existing = new Set(await admin.listTopics());
    const relayed = new Set([topics.deadLetter, ...Object.values(topics.lanes)]);
    const missing = [topics.shipmentEvents, topics.clearanceStatus, ...relayed].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: topics.partitions,
        replicationFactor: topics.replicationFactor,
        // A dead letter or a lane record is the original record (up to the broker's limit) plus headers.
        configEntries: relayed.has(topic) ? [{ name: 'max.message.bytes', value: String(RELAYED_RECORD_MAX_BYTES) }] : [],
      })),
    });
    logger.log(`Created topics ${missing.join(', ')} (${topics.partitions} partitions)`);
  } catch (error) {
    // Another process may have created them at the same moment.
    if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
  } finally {
    await admin.disconnect();
  }
}
