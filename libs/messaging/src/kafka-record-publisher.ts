import { type Kafka, KafkaJSAggregateError, KafkaJSProtocolError, type Message, Partitioners, type Producer } from 'kafkajs';
import { type OutgoingMessage } from './outbox-messages';

/** A record the broker will never accept as it is (too large, invalid, ...). */
export interface RefusedRecord {
  index: number;
  message: OutgoingMessage;
  code: string;
  error: string;
}

/**
 * Produce errors (kafkajs protocol error types) that the broker answers for a record itself, so
 * sending it again can never succeed: too large for the topic (`max.message.bytes`) or the
 * segment, refused by the broker's record validation (e.g. no key on a compacted topic), a
 * failed checksum (kafkajs retries that one itself first), a timestamp outside the topic's range.
 * Errors about a whole topic (authorisation, unknown topic, message format) are left out on
 * purpose: they are fixed by an operator, and until then every record must wait, not be refused.
 */
const PERMANENT_REFUSALS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/**
 * The broker's permanent refusal inside a kafkajs send error, or null: found on the error itself,
 * in the cause chain (KafkaJSNumberOfRetriesExceeded, KafkaJSNonRetriableError wrap the last
 * attempt's error) or among a KafkaJSAggregateError's errors.
 */
export function permanentRefusal(error: unknown): { code: string; message: string } | null {
  for (let depth = 0; error instanceof Error && depth < 10; depth++) {
    if (error instanceof KafkaJSProtocolError && PERMANENT_REFUSALS.has(error.type)) return { code: error.type, message: error.message };
    if (error instanceof KafkaJSAggregateError) {
      for (const inner of error.errors) {
        const refusal = permanentRefusal(inner);
        if (refusal) return refusal;
      }
      return null;
    }
    error = (error as { cause?: unknown }).cause;
  }
  return null;
}

export function isPermanentRefusal(error: unknown): boolean {
  return permanentRefusal(error) !== null;
}

/** The broker and kafkajs disagree on the producer's sequence numbers: every later send would be refused too. */
function isSequenceMismatch(error: unknown): boolean {
  for (let depth = 0; error instanceof Error && depth < 10; depth++) {
    if (error instanceof KafkaJSProtocolError && error.type === 'OUT_OF_ORDER_SEQUENCE_NUMBER') return true;
    error = (error as { cause?: unknown }).cause;
  }
  return false;
}

/** Gives up on a call that outlives `sendTimeoutMs`; `abandoned()` tells the work to send nothing more. */
interface SendDeadline {
  abandoned(): boolean;
}

/**
 * Sends records with kafkajs's idempotent producer (acks from all in-sync replicas, one
 * request in flight), so a retried send neither duplicates nor reorders within a partition.
 *
 * kafkajs sends one request per broker naming every partition it leads; when one partition's
 * records are refused, the whole send fails, yet the broker may have appended the other
 * partitions' records, while kafkajs rolls their sequence numbers back. Sending different records
 * to such a partition afterwards is refused as OUT_OF_ORDER_SEQUENCE_NUMBER, forever. Hence:
 * `publishIsolating` first sends each partition's records of the failed send again exactly as they
 * were (the broker recognises the ones it already has by their sequence numbers and appends nothing),
 * and `publish` replaces the producer after a refusal (a new producer id starts every sequence afresh).
 */
export class KafkaRecordPublisher {
  private producer: Producer;
  private connected = false;
  /** The partition kafkajs chose for each message of a send (its latest attempt), recorded by the partitioner. */
  private readonly partitionOf = new WeakMap<Message, number>();

  /**
   * @param options.sendTimeoutMs reject a publish not acknowledged in time (the producer keeps
   *   retrying until disconnected), so a caller that can redo its work (the triage) is never stuck
   *   on an unreachable broker, e.g. at shutdown. Unbounded by default.
   */
  constructor(
    private readonly kafka: Kafka,
    private readonly options: { sendTimeoutMs?: number } = {},
  ) {
    this.producer = this.createProducer();
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
    await this.withinSendTimeout(messages.length, async () => {
      try {
        await this.send(messages.map(toKafkaMessage), messages);
      } catch (error) {
        // Other partitions of the refused request may have been appended behind kafkajs's back.
        if (isPermanentRefusal(error)) await this.replaceProducer();
        throw error;
      }
    });
  }

  /**
   * Publishes like `publish`; records the broker refuses for good are isolated and returned
   * (every other record is acknowledged, each topic-partition's accepted records in their given order).
   * Retriable or unknown errors still reject, as `publish` does.
   *
   * The fast path is one send. Only when it is refused for good, each topic-partition's records
   * are sent again on their own (as they were, so nothing is appended twice on this broker), and a
   * partition still refused is bisected down to the records it refuses. A request to one partition
   * is all or nothing, so no record is appended behind a refused one's back. Records of partitions
   * led by another broker, which took them in the failed send, may be appended twice.
   */
  async publishIsolating(messages: OutgoingMessage[]): Promise<RefusedRecord[]> {
    if (messages.length === 0) return [];
    await this.connect();
    return this.withinSendTimeout(messages.length, async (deadline) => {
      const records = messages.map(toKafkaMessage);
      try {
        await this.send(records, messages);
        return [];
      } catch (error) {
        if (!isPermanentRefusal(error)) throw error;
        return this.isolate(messages, records, deadline, error);
      }
    });
  }

  private async isolate(
    messages: OutgoingMessage[],
    records: Message[],
    deadline: SendDeadline,
    refusal: unknown,
  ): Promise<RefusedRecord[]> {
    const byPartition = new Map<string, { topic: string; partition: number; indexes: number[] }>();
    for (let index = 0; index < records.length; index++) {
      const { topic } = messages[index];
      const partition = this.partitionOf.get(records[index]);
      // Every message is partitioned before kafkajs sends anything; without it the send cannot be repeated as it was.
      if (partition === undefined) throw refusal;
      const key = `${partition}\u0000${topic}`;
      let group = byPartition.get(key);
      if (!group) byPartition.set(key, (group = { topic, partition, indexes: [] }));
      group.indexes.push(index);
    }
    const refused: RefusedRecord[] = [];
    const sendInOrder = async (topic: string, partition: number, indexes: number[]): Promise<void> => {
      if (deadline.abandoned()) throw new Error('Publishing was abandoned (sendTimeoutMs)');
      try {
        await this.send(
          indexes.map((i) => ({ ...records[i], partition })),
          indexes.map((i) => messages[i]),
        );
      } catch (error) {
        const found = permanentRefusal(error);
        if (!found) throw error;
        if (indexes.length === 1) {
          refused.push({ index: indexes[0], message: messages[indexes[0]], code: found.code, error: found.message });
          return;
        }
        // Refused as a whole (one record, or the batch over the topic's limit): halves, left first, keep the order.
        const half = Math.ceil(indexes.length / 2);
        await sendInOrder(topic, partition, indexes.slice(0, half));
        await sendInOrder(topic, partition, indexes.slice(half));
      }
    };
    for (const { topic, partition, indexes } of byPartition.values()) await sendInOrder(topic, partition, indexes);
    return refused.sort((a, b) => a.index - b.index);
  }

  /** One sendBatch; `records[i]` is `messages[i]` as kafkajs takes it. */
  private async send(records: Message[], messages: OutgoingMessage[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    records.forEach((record, i) => {
      let list = byTopic.get(messages[i].topic);
      if (!list) byTopic.set(messages[i].topic, (list = []));
      list.push(record);
    });
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
      });
    } catch (error) {
      // Unexpected, but kafkajs never recovers from it on its own: the next send gets a new producer id.
      if (isSequenceMismatch(error)) await this.replaceProducer();
      throw error;
    }
  }

  private async withinSendTimeout<T>(count: number, work: (deadline: SendDeadline) => Promise<T>): Promise<T> {
    const timeoutMs = this.options.sendTimeoutMs;
    let abandoned = false;
    const sending = work({ abandoned: () => abandoned });
    if (timeoutMs === undefined) return sending;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        sending,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            abandoned = true;
            sending.catch(() => undefined);
            reject(new Error(`Kafka did not acknowledge ${count} records within ${timeoutMs} ms`));
          }, timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private createProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Java-compatible murmur2 partitioning (the same key lands where Java clients put it),
      // remembering each message's partition so a refused send can be repeated partition by partition.
      createPartitioner: () => {
        const choose = Partitioners.DefaultPartitioner();
        return (args) => {
          const partition = choose(args);
          this.partitionOf.set(args.message, partition);
          return partition;
        };
      },
      // The idempotent producer must not give up on its own (kafkajs warns otherwise); the
      // outbox relay keeps the rows until the send is acknowledged.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 10_000 },
    });
  }

  /** A new producer id: every partition's sequence starts afresh. Sends still in flight on the old one fail. */
  private async replaceProducer(): Promise<void> {
    const old = this.producer;
    const wasConnected = this.connected;
    this.producer = this.createProducer();
    this.connected = false;
    // The old producer is abandoned whatever happens; a failure to close its connections changes nothing.
    if (wasConnected) await old.disconnect().catch(() => undefined);
  }
}

function toKafkaMessage(m: OutgoingMessage): Message {
  return { key: m.messageKey, value: m.messageValue, headers: m.headers, timestamp: m.timestamp };
}
