import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { storableText } from '@app/contract';
import { BatchCoalescer } from './batch-coalescer';
import { InboundBatch, InboundRecord } from './inbound-batch';

/** One kafkajs consumer: its group, its topics and the handler pattern of each topic's batches. */
export interface BatchConsumerSpec {
  groupId: string;
  subscriptions: { topic: string; pattern: string }[];
  partitionsConsumedConcurrently: number;
}

export interface KafkaBatchServerOptions {
  kafka: Kafka;
  /** Each runs on its own connection and fetch loop: a slow one never holds up another. */
  consumers: BatchConsumerSpec[];
  /** Called once every consumer has joined its group and runs. */
  onRunning?: () => void;
}

const MAX_BACKOFF_MS = 10_000;
/** A crashed member's partitions move to a live one within this time. */
const SESSION_TIMEOUT_MS = 15_000;
const HEARTBEAT_INTERVAL_MS = 3_000;


function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    // Header text only informs (it is stored as jsonb), so what PostgreSQL cannot store is replaced.
    out[storableText(name)] = storableText(Array.isArray(value) ? value.map(String).join(',') : value.toString());
  }
  return out;
}

function toInboundRecord(topic: string, partition: number, m: KafkaMessage): InboundRecord {
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key ?? null,
    value: m.value ?? null,
    headers: headersToStrings(m.headers),
    timestamp: m.timestamp,
  };
}

/**
 * A Nest custom transport that consumes with kafkajs `eachBatch`: the handler receives whole
 * partition batches (`InboundBatch[]`: those of one consumer and topic that arrive together are
 * handed over in one call, a group commit), and offsets are resolved and committed only after it succeeded.
 * A failing handler (e.g. the database is down) is retried with backoff on the same batch,
 * never skipped; a rebalance or shutdown leaves the uncommitted records to the next owner.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private consumers: Consumer[] = [];
  /** One per consumer group and topic: partition batches fetched together make one handler call. */
  private readonly coalescers = new Map<string, BatchCoalescer<InboundBatch>>();

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error) => callback(error),
    );
  }

  async close(): Promise<void> {
    const consumers = this.consumers;
    this.consumers = [];
    // disconnect() lets the batch in flight finish and leaves the group cleanly.
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
  }

  on(): void {
    // kafkajs events are not exposed through this transport
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }

  private async start(): Promise<void> {
    for (const { subscriptions } of this.options.consumers) {
      for (const { pattern } of subscriptions) {
        if (!this.getHandlerByPattern(pattern)) throw new Error(`No handler for message pattern ${pattern}`);
      }
    }
    let waiting = this.options.consumers.length;
    const joined = () => {
      if (--waiting === 0) this.options.onRunning?.();
    };
    await Promise.all(this.options.consumers.map((spec) => this.startConsumer(spec, joined)));
  }

  private async startConsumer(spec: BatchConsumerSpec, onFirstJoin: () => void): Promise<void> {
    const { groupId, subscriptions, partitionsConsumedConcurrently } = spec;
    const patternByTopic = new Map(subscriptions.map((s) => [s.topic, s.pattern]));
    const consumer = this.options.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: 4 * 1024 * 1024,
      // Short fetch waits: an idle partition answers fast, and disconnecting does not stall.
      maxWaitTimeInMs: 250,
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
    });
    this.consumers.push(consumer);
    let joinedOnce = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (joinedOnce) return;
      joinedOnce = true;
      onFirstJoin();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...patternByTopic.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently,
      eachBatch: (payload) => this.handleBatch(payload, this.coalescerFor(groupId, payload.batch.topic, patternByTopic.get(payload.batch.topic)!)),
    });
  }

  private coalescerFor(groupId: string, topic: string, pattern: string): BatchCoalescer<InboundBatch> {
    const key = `${groupId}\u0000${topic}`;
    let coalescer = this.coalescers.get(key);
    if (!coalescer) {
      const handler = this.getHandlerByPattern(pattern)!;
      coalescer = new BatchCoalescer<InboundBatch>(async (batches) => {
        await lastValueFrom(this.transformToObservable(await handler(batches)), { defaultValue: undefined });
      });
      this.coalescers.set(key, coalescer);
    }
    return coalescer;
  }

  private async handleBatch(payload: EachBatchPayload, coalescer: BatchCoalescer<InboundBatch>): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    if (batch.messages.length === 0) return;
    const inbound: InboundBatch = {
      topic: batch.topic,
      partition: batch.partition,
      highWatermark: batch.highWatermark,
      records: batch.messages.map((m) => toInboundRecord(batch.topic, batch.partition, m)),
    };
    for (let attempt = 1; ; attempt++) {
      if (!isRunning() || isStale()) return;
      // A long call (a lock held elsewhere, waiting behind another group's call) must not cost the
      // group membership: heartbeat while waiting (kafkajs sends one at most every heartbeatInterval).
      const beating = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_INTERVAL_MS);
      try {
        await coalescer.submit(inbound);
        break;
      } catch (error) {
        const delay = Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(attempt - 1, 6));
        this.logger.error(
          `Batch ${batch.topic}[${batch.partition}] from offset ${batch.firstOffset()} failed (attempt ${attempt}); retrying in ${delay} ms: ${(error as Error).message}`,
          (error as Error).stack,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
        await heartbeat().catch(() => undefined);
      } finally {
        clearInterval(beating);
      }
    }
    resolveOffset(inbound.records[inbound.records.length - 1].offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
  }
}
