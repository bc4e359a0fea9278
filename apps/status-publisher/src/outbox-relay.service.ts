import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import { shipmentIdFromKey } from '@app/contract';
import { chunksWithinBytes, KafkaRecordPublisher, type RefusedRecord } from '@app/messaging';
import { type ProbeResult, ProgressWatch } from '@app/metrics';
import {
  OUTBOX_PARTITIONS,
  OutboxNotifications,
  OutboxPartitionRepository,
  OutboxRepository,
  type PendingOutboxMessage,
  PublisherMembership,
} from '@app/persistence';
import { partitionsOf } from './partition-assignment';
import { PublisherMetrics } from './publisher-metrics';

const MAX_BACKOFF_MS = 10_000;
const SHUTDOWN_GRACE_MS = 10_000;
/**
 * Publishes outbox rows in id order and, once the broker acknowledged them, deletes them in the
 * same transaction that read them. Any number of relays (publisher processes) share the outbox:
 * each takes its share of the outbox partitions (by the live members, see partitionsOf) and locks
 * those it publishes for the transaction, so a partition, and with it each shipment's versions,
 * has one publisher at a time and stays in order; when a relay stops or dies its partitions go to
 * the others at their next batch. A crash after sending and before the delete commits re-sends
 * the rows: at least once, and the status version lets subscribers drop what they have seen. A
 * row the broker refuses for good (e.g. larger than its topic allows) is set aside with the
 * broker's answer, counted and logged (it stays in the outbox, for operators); the rows around it
 * are published.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A commit announced new rows since the current batch started reading (the next batch may find them). */
  private notified = false;
  private readonly notifications: OutboxNotifications;
  private readonly membership: PublisherMembership;
  /** The loop's progress (liveness) and whether its last batch could reach the database (readiness). */
  private readonly progress = new ProgressWatch();
  private lastBatchFailed = false;
  private ownedPartitions: number[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly partitions: OutboxPartitionRepository,
    private readonly publisher: KafkaRecordPublisher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: PublisherMetrics,
  ) {
    this.notifications = new OutboxNotifications(config.databaseUrl);
    this.membership = new PublisherMembership(config.databaseUrl);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.publisher.connect();
    await this.notifications.listen(() => {
      this.notified = true;
      this.wake?.();
    });
    await this.membership.ensureJoined();
    this.progress.progressed('outbox relay');
    this.running = true;
    this.loop = this.run();
    this.logger.log('Publishing the outbox');
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    // A send to an unreachable broker retries without end: give the batch in flight a moment,
    // then disconnect; its transaction rolls back and the rows wait for the next start.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)))]);
    clearTimeout(timer);
    // Leaving hands this relay's partitions to the others at their next batch.
    await this.membership.close();
    await this.notifications.close();
    await this.publisher.disconnect();
  }

  /**
   * Publishes one batch of pending rows; returns how many were handled: published, or set aside
   * because the broker refused them for good (they never block the rows after them).
   */
  async publishPending(): Promise<number> {
    const me = await this.membership.ensureJoined();
    const handled = await this.dataSource.transaction(async (tx) => {
      const locked = await this.lockOwnedPartitions(tx, me);
      if (!locked || locked.length === 0) return null;
      // Holding every partition (a lone publisher), every row is this one's: no filter to compute.
      const pending = await this.outbox.findPending(
        tx,
        this.config.outbox.batchSize,
        locked.length === OUTBOX_PARTITIONS ? undefined : locked,
      );
      if (pending.length === 0) return null;
      const refusals = await this.publishInRequests(pending);
      const refusedIds = new Set(refusals.map((r) => pending[r.index].id));
      const published = pending.filter((m) => !refusedIds.has(m.id));
      await this.outbox.deletePublished(
        tx,
        published.map((m) => m.id),
      );
      const refused = refusals.map((r) => ({ row: pending[r.index], code: r.code, error: r.error }));
      await this.outbox.setAside(
        tx,
        refused.map(({ row, code, error }) => ({ id: row.id, code, error })),
        this.clock.now(),
      );
      return { published, refused };
    });
    if (!handled) return 0;
    this.metrics.recordPublished(handled.published, this.clock.now().getTime());
    for (const { row, code, error } of handled.refused) {
      this.metrics.recordRefused(row.topic, code);
      const shipment = shipmentIdFromKey(row.messageKey);
      this.logger.error(
        `Kafka refused outbox row ${row.id} for ${row.topic}${shipment ? ` (shipment ${shipment})` : ''} for good (${code}: ${error}); ` +
          `set aside, never retried (GET /api/v1/outbox/refused); the rows after it go on`,
      );
    }
    return handled.published.length + handled.refused.length;
  }

  /**
   * Enters publishing and locks the partitions this relay owns, in one round trip while the
   * members stay the same (the partitions chosen at the batch before are locked with the
   * reading of the members; a change of members costs a second statement). Null: not entered.
   */
  private async lockOwnedPartitions(tx: EntityManager, me: number): Promise<number[] | null> {
    const tried = this.ownedPartitions;
    const { entered, members, locked } = await this.partitions.enterAndLock(tx, tried);
    if (!entered) return null;
    this.ownedPartitions = partitionsOf(me, members, OUTBOX_PARTITIONS);
    const owned = new Set(this.ownedPartitions);
    const untried = this.ownedPartitions.filter((p) => !tried.includes(p));
    const more = untried.length > 0 ? await this.partitions.tryLockPartitions(tx, untried) : [];
    // A partition no longer owned stays locked until the commit; its new owner takes it at its next batch.
    return [...locked.filter((p) => owned.has(p)), ...more].sort((a, b) => a - b);
  }

  /**
   * Sends the rows in order, in as many produce requests as the byte budget needs (each waits for
   * the one before, so each shipment's records stay in order); the refusals' indexes are the rows'.
   * All the rows read are sent: none is read again by the next batch.
   */
  private async publishInRequests(rows: PendingOutboxMessage[]): Promise<RefusedRecord[]> {
    const refusals: RefusedRecord[] = [];
    let start = 0;
    for (const chunk of chunksWithinBytes(rows)) {
      for (const refusal of await this.publisher.publishIsolating(chunk)) refusals.push({ ...refusal, index: start + refusal.index });
      start += chunk.length;
    }
    return refusals;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let handled = 0;
      this.progress.progressed('outbox relay');
      this.notified = false;
      try {
        handled = await this.publishPending();
        failures = 0;
        this.lastBatchFailed = false;
      } catch (error) {
        failures++;
        this.lastBatchFailed = true;
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 7));
        this.logger.error(`Publishing the outbox failed (attempt ${failures}), retrying in ${delay} ms: ${(error as Error).message}`);
        await this.sleep(delay);
        continue;
      }
      // A full batch means more may be waiting, and so does a commit announced while a batch ran:
      // go on at once. A batch that took all there was (or nothing) waits for the next
      // announcement, or the poll interval: going on would cost a transaction to find nothing.
      const more = handled === this.config.outbox.batchSize || (handled > 0 && this.notified);
      if (!more) await this.sleep(this.config.outbox.pollIntervalMs);
    }
  }

  /** Live: the loop goes round (a batch, a failure and its back-off, or a poll) within the stall bound. */
  live(): ProbeResult {
    const stalled = this.progress.stalled(this.config.probes.stallMs);
    return { ok: stalled.length === 0, details: { stalled, stallMs: this.config.probes.stallMs } };
  }

  /** Ready: a member of the publishers (holding a share of the partitions) whose last batch did not fail. */
  ready(): ProbeResult {
    const member = this.membership.id;
    return {
      ok: this.running && member !== null && !this.lastBatchFailed,
      details: { member, partitions: this.ownedPartitions, lastBatchFailed: this.lastBatchFailed },
    };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
