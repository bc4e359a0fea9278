import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { OutgoingMessage } from './outbox-messages';

/**
 * Sends records with kafkajs's idempotent producer (acks from all in-sync replicas, one
 * request in flight), so a retried send neither duplicates nor reorders within a partition.
 */
export class KafkaRecordPublisher {
  private readonly producer: Producer;
  private connected = false;

  /**
   * @param options.sendTimeoutMs reject a publish not acknowledged in time (the producer keeps
   *   retrying until disconnected), so a caller that can redo its work (the triage) is never stuck
   *   on an unreachable broker, e.g. at shutdown. Unbounded by default.
   */
  constructor(
    kafka: Kafka,
    private readonly options: { sendTimeoutMs?: number } = {},
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Java-compatible murmur2 partitioning: the same key lands where Java clients put it.
      createPartitioner: Partitioners.DefaultPartitioner,
      // The idempotent producer must not give up on its own (kafkajs warns otherwise); the
      // outbox relay keeps the rows until the send is acknowledged.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 10_000 },
    });
  }

  async connect(): Promise<void> {
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
  }

  async disconnect(): Promise<void> {
    if (this.connected) {
      this.connected = false;
      await this.producer.disconnect();
    }
  }

  /** Publishes in the given order (per topic); resolves once every record is acknowledged. */
  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, Message[]>();
    for (const m of messages) {
      let list = byTopic.get(m.topic);
      if (!list) byTopic.set(m.topic, (list = []));
      list.push({ key: m.messageKey, value: m.messageValue, headers: m.headers, timestamp: m.timestamp });
    }
    const sending = this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
    });
    const timeoutMs = this.options.sendTimeoutMs;
    if (timeoutMs === undefined) {
      await sending;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sending,
        new Promise((_, reject) => {
          timer = setTimeout(() => {
            sending.catch(() => undefined);
            reject(new Error(`Kafka did not acknowledge ${messages.length} records within ${timeoutMs} ms`));
          }, timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
