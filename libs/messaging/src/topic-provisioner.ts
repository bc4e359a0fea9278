import { Logger, LoggerService } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { TopicsConfig } from '@app/config';

export const DEAD_LETTER_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/** Creates the product's topics when they are missing (SPEC.md: the backend does it at start-up). */
export async function ensureTopics(
  kafka: Kafka,
  topics: TopicsConfig,
  logger: LoggerService = new Logger('TopicProvisioner'),
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Kafka is unreachable (KAFKA_BROKERS): ${(error as Error).message}`);
  }
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [topics.shipmentEvents, topics.clearanceStatus, topics.deadLetter].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: topics.partitions,
        replicationFactor: topics.replicationFactor,
        // A dead letter is the original record (up to the broker's limit) plus headers naming the error.
        configEntries: topic === topics.deadLetter ? [{ name: 'max.message.bytes', value: String(DEAD_LETTER_MAX_MESSAGE_BYTES) }] : [],
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
