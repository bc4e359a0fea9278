import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { type Consumer, type EachBatchPayload, type IHeaders, type Kafka, type KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { storableText } from '@app/contract';
import { BatchCoalescer } from './batch-coalescer';
import { type InboundBatch, type InboundRecord } from './inbound-batch';

/** One kafkajs consumer: its group, its topics and the handler pattern of each topic's batches. */
export interface BatchConsumerSpec {
  /** Names the consumer in logs and in `consumer` events (e.g. `triage`, `CRITICAL`). */
  name: string;
  groupId: string;
  subscriptions: { topic: string; pattern: string }[];
  partitionsConsumedConcurrently: number;
}

/** How a consumer that stopped is brought back. */
export interface ConsumerRestartPolicy {
  /** Back-off before the first restart; it doubles with each consecutive failure... */
  initialDelayMs: number;
  /** ...up to this. */
  maxDelayMs: number;
  /** A restarted consumer that stays in its group this long counts as recovered: the back-off starts over. */
  healthyAfterMs: number;
  /** Stops (or failed restarts) in a row after which `onGaveUp` is called instead of restarting again. */
  maxConsecutiveFailures: number;
}

export const DEFAULT_RESTART_POLICY: ConsumerRestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
  // About 3 minutes of back-off (1 + 2 + 4 + 8 + 16 + 30 × 5 s) before giving up.
  maxConsecutiveFailures: 10,
};

/** A consumer's state, as the `consumer` event reports each change. */
export interface ConsumerStatus {
  name: string;
  groupId: string;
  /** True once it joined its group; false from the moment it stopped until it joins again. */
  up: boolean;
}

/** Events of the transport (`server.on`, or `app.on` of the Nest microservice). */
export interface KafkaBatchServerEvents extends Record<string, (...args: never[]) => unknown> {
  consumer: (status: ConsumerStatus) => void;
}

export interface KafkaBatchServerOptions {
  kafka: Kafka;
  /** Each runs on its own connection and fetch loop: a slow one never holds up another. */
  consumers: BatchConsumerSpec[];
  /** Called once every consumer has joined its group and runs. */
  onRunning?: () => void;
  restart?: Partial<ConsumerRestartPolicy>;
  /**
   * Called when a consumer stopped `maxConsecutiveFailures` times in a row (e.g. to exit the
   * process, so that its supervisor restarts it); the transport no longer restarts that consumer.
   * Without it, the transport keeps restarting it at the longest back-off.
   */
  onGaveUp?: (consumer: string, error: Error) => void;
  /**
   * Called whenever a consumer shows progress: it starts, a fetch returns (even an empty one), a
   * handler call ends (failed or not), a restart is scheduled. A consumer quiet for long is stalled
   * (e.g. a handler that never returns: the member keeps heartbeating and holds its partitions).
   */
  onProgress?: (consumer: string) => void;
}

/** One consumer of the transport and its restart state. */
interface ConsumerSlot {
  spec: BatchConsumerSpec;
  /** The kafkajs consumer now in use; events of earlier ones are ignored. */
  consumer: Consumer | null;
  stopListening: (() => void)[];
  /** Its stop is being dealt with (kafkajs reports a crash twice: STOP, then CRASH). */
  stopHandled: boolean;
  /** Why it stopped, once known. */
  cause: Error | null;
  up: boolean;
  /** Until the slot's first consumer joins its group: called then (see `onRunning`). */
  onFirstJoin: (() => void) | null;
  /** Stops in a row without staying up for `healthyAfterMs` in between. */
  failures: number;
  restartTimer: NodeJS.Timeout | null;
  healthyTimer: NodeJS.Timeout | null;
  /** A restart in progress (disconnecting the old consumer, starting the new one). */
  restarting: Promise<void> | null;
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
 *
 * No consumer stays deaf: one that stops without being asked to (a kafkajs crash, whatever its
 * cause, or a stop through `unwrap()`) is replaced by a new one after a growing back-off, and after
 * `maxConsecutiveFailures` stops in a row `onGaveUp` is called (the engine exits non-zero). A stopped
 * consumer leaves its group, which is how readiness (group members) sees it down meanwhile.
 */
export class KafkaBatchServer extends Server<KafkaBatchServerEvents> implements CustomTransportStrategy {
  protected override readonly logger = new Logger(KafkaBatchServer.name);
  private readonly slots: ConsumerSlot[];
  private readonly restartPolicy: ConsumerRestartPolicy;
  private readonly statusListeners: KafkaBatchServerEvents['consumer'][] = [];
  private closing = false;
  /** One per consumer group and topic: partition batches fetched together make one handler call. */
  private readonly coalescers = new Map<string, BatchCoalescer<InboundBatch>>();

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.restartPolicy = { ...DEFAULT_RESTART_POLICY, ...options.restart };
    this.slots = options.consumers.map((spec) => ({
      spec,
      consumer: null,
      stopListening: [],
      stopHandled: false,
      cause: null,
      up: false,
      onFirstJoin: null,
      failures: 0,
      restartTimer: null,
      healthyTimer: null,
      restarting: null,
    }));
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error) => callback(error),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const slot of this.slots) {
      clearTimeout(slot.restartTimer ?? undefined);
      clearTimeout(slot.healthyTimer ?? undefined);
      slot.restartTimer = slot.healthyTimer = null;
    }
    // A restart under way sees `closing` and disconnects what it started.
    await Promise.all(this.slots.flatMap((slot) => (slot.restarting ? [slot.restarting] : [])));
    // disconnect() lets the batch in flight finish and leaves the group cleanly.
    await Promise.all(this.slots.map((slot) => this.retire(slot)));
  }

  /** `consumer`: each change of a consumer's state (down when it stopped, up when it joined its group). */
  on<
    EventKey extends keyof KafkaBatchServerEvents = keyof KafkaBatchServerEvents,
    EventCallback extends KafkaBatchServerEvents[EventKey] = KafkaBatchServerEvents[EventKey],
  >(event: EventKey, callback: EventCallback): void {
    if (event !== 'consumer') throw new Error(`Unknown event ${String(event)}: KafkaBatchServer emits "consumer"`);
    this.statusListeners.push(callback as unknown as KafkaBatchServerEvents['consumer']);
  }

  /** The kafkajs consumers now in use. */
  unwrap<T>(): T {
    return this.slots.flatMap((slot) => (slot.consumer ? [slot.consumer] : [])) as T;
  }

  private async start(): Promise<void> {
    for (const { subscriptions } of this.options.consumers) {
      for (const { pattern } of subscriptions) {
        if (!this.getHandlerByPattern(pattern)) throw new Error(`No handler for message pattern ${pattern}`);
      }
    }
    let waiting = this.slots.length;
    for (const slot of this.slots) {
      slot.onFirstJoin = () => {
        if (--waiting === 0) this.options.onRunning?.();
      };
    }
    await Promise.all(this.slots.map((slot) => this.startConsumer(slot)));
  }

  /** Starts a new kafkajs consumer for the slot. */
  private async startConsumer(slot: ConsumerSlot): Promise<void> {
    const { groupId, subscriptions, partitionsConsumedConcurrently } = slot.spec;
    const patternByTopic = new Map(subscriptions.map((s) => [s.topic, s.pattern]));
    this.options.onProgress?.(slot.spec.name);
    const consumer = this.options.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: 4 * 1024 * 1024,
      // Short fetch waits: an idle partition answers fast, and disconnecting does not stall.
      maxWaitTimeInMs: 250,
      sessionTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      // kafkajs restarts a crashed consumer only for some errors: this transport restarts it always.
      retry: { retries: 5, restartOnFailure: async () => false },
    });
    slot.consumer = consumer;
    slot.stopHandled = false;
    // Removed when the consumer is retired: only the slot's current consumer is listened to.
    slot.stopListening = [
      consumer.on(consumer.events.GROUP_JOIN, () => this.consumerJoined(slot)),
      consumer.on(consumer.events.FETCH, () => this.options.onProgress?.(slot.spec.name)),
      // A crash stops the consumer (STOP) before it reports the crash (CRASH), so both end here.
      consumer.on(consumer.events.STOP, () => this.consumerStopped(slot)),
      consumer.on(consumer.events.CRASH, ({ payload }) => this.consumerStopped(slot, payload.error)),
    ];
    await consumer.connect();
    await consumer.subscribe({ topics: [...patternByTopic.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently,
      eachBatch: (payload) =>
        this.handleBatch(
          payload,
          this.coalescerFor(groupId, payload.batch.topic, patternByTopic.get(payload.batch.topic)!),
          slot.spec.name,
        ),
    });
  }

  private consumerJoined(slot: ConsumerSlot): void {
    slot.onFirstJoin?.();
    slot.onFirstJoin = null;
    if (!slot.up) {
      if (slot.failures > 0) this.logger.log(`Consumer ${slot.spec.name} (group ${slot.spec.groupId}) is back in its group`);
      this.report(slot, true);
    }
    clearTimeout(slot.healthyTimer ?? undefined);
    slot.healthyTimer = setTimeout(() => {
      slot.healthyTimer = null;
      slot.failures = 0;
    }, this.restartPolicy.healthyAfterMs);
    // Bookkeeping only: it must not keep a stopping process alive.
    slot.healthyTimer.unref();
  }

  /**
   * The slot's consumer stopped, or failed to start (`cause`: why, when known): after a back-off
   * it is restarted, or, after too many stops in a row, `onGaveUp` is called.
   */
  private consumerStopped(slot: ConsumerSlot, cause?: Error): void {
    if (this.closing) return;
    const { name, groupId } = slot.spec;
    // kafkajs's own log line has the stack.
    if (cause) this.logger.error(`Consumer ${name} (group ${groupId}) failed: ${cause.name}: ${cause.message}`);
    if (slot.stopHandled) {
      // The same stop, reported again with its cause (kafkajs stops a crashed consumer, then reports the crash).
      slot.cause = cause ?? slot.cause;
      return;
    }
    slot.stopHandled = true;
    slot.cause = cause ?? null;
    if (slot.up) this.report(slot, false);
    clearTimeout(slot.healthyTimer ?? undefined);
    slot.healthyTimer = null;
    slot.failures++;
    // Down and about to be restarted is being dealt with, not stalled.
    this.options.onProgress?.(name);
    const { initialDelayMs, maxDelayMs, maxConsecutiveFailures } = this.restartPolicy;
    const { onGaveUp } = this.options;
    const giveUp = slot.failures > maxConsecutiveFailures && onGaveUp !== undefined;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(slot.failures - 1, 30));
    this.logger.error(
      `Consumer ${name} (group ${groupId}) stopped without being asked to (${slot.failures} in a row); ` +
        (giveUp ? 'giving up on it' : `restarting it in ${delay} ms`),
    );
    // Even giving up waits: the crash's cause, reported after the stop, goes with it.
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = null;
      if (giveUp) onGaveUp(name, slot.cause ?? new Error(`Consumer ${name} stopped without being asked to`));
      else slot.restarting = this.restart(slot).finally(() => (slot.restarting = null));
    }, delay);
  }

  /** Replaces the slot's consumer with a new one (a stopped kafkajs consumer is not reused). */
  private async restart(slot: ConsumerSlot): Promise<void> {
    await this.retire(slot);
    if (this.closing) return;
    try {
      await this.startConsumer(slot);
    } catch (error) {
      // Counted like a stop: the next attempt comes after a longer back-off.
      this.consumerStopped(slot, error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Disconnects the slot's consumer and forgets it (its later events are ignored). */
  private async retire(slot: ConsumerSlot): Promise<void> {
    const consumer = slot.consumer;
    if (!consumer) return;
    slot.consumer = null;
    for (const stop of slot.stopListening) stop();
    slot.stopListening = [];
    if (slot.up) this.report(slot, false);
    try {
      await consumer.disconnect();
    } catch (error) {
      this.logger.warn(`Consumer ${slot.spec.name} (group ${slot.spec.groupId}) did not disconnect cleanly: ${(error as Error).message}`);
    }
  }

  private report(slot: ConsumerSlot, up: boolean): void {
    slot.up = up;
    const status: ConsumerStatus = { name: slot.spec.name, groupId: slot.spec.groupId, up };
    for (const listener of this.statusListeners) listener(status);
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

  private async handleBatch(payload: EachBatchPayload, coalescer: BatchCoalescer<InboundBatch>, consumerName: string): Promise<void> {
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
        // A call that ended, even in failure (the database is down: restarting would not help), is progress.
        this.options.onProgress?.(consumerName);
      }
    }
    resolveOffset(inbound.records[inbound.records.length - 1].offset);
    await commitOffsetsIfNecessary();
    await heartbeat();
  }
}
