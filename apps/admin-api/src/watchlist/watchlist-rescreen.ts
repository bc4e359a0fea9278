import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applyManualStatusChange, StatusChangeWriter, Transition } from '@app/clearance';
import { AppConfig, Clock } from '@app/config';
import {
  ApiRole,
  PolicyInputsRepository,
  ShipmentRow,
  ShipmentStateRepository,
  toWatchlistEntry,
  WATCHLIST_HOLDABLE_STATUSES,
  WatchlistCandidatesRepository,
  WatchlistRepository,
  WatchlistRescreenRepository,
  WatchlistRescreenRow,
} from '@app/persistence';
import { compilePolicy, CUSTOMS_CONTROL_REASON, WATCHLIST_MATCH, watchlistMatchKeys } from '@app/policy';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';

/** A run reports at most this many of the shipments it held (the audit log has every one). */
export const MAX_HELD_REPORTED = 100;
/** A re-screening that has not moved for this long lost its runner (a crash, a restart): it is resumed. */
const STALLED_AFTER_MS = 30_000;
const RESUME_INTERVAL_MS = 30_000;
const RESUMED_PER_SWEEP = 10;

export interface RescreenRun {
  /** Shipments this run held, the first MAX_HELD_REPORTED of them. */
  held: string[];
  /** Shipments held by the entry's re-screening so far, by any run. */
  heldCount: number;
  /** Every open shipment has been screened. */
  complete: boolean;
}

interface Chunk {
  held: string[];
  heldCount: number;
  finished: boolean;
}

function actorOf(rescreen: WatchlistRescreenRow): RequestActor {
  return {
    principal: { keyId: rescreen.actorKeyId, role: rescreen.actorRole as ApiRole, actor: rescreen.actor, subscriberId: null },
    remoteAddr: rescreen.remoteAddr,
  };
}

/**
 * Holds the open shipments a new watchlist entry matches, in chunks of WATCHLIST_RESCREEN_CHUNK_SIZE,
 * each its own short transaction, found through the index of watchlist keys and confirmed by the
 * policy. Why no shipment slips through: the entry's insert moved the policy revision, which waited
 * for every engine batch in flight (they hold it FOR SHARE) and made every later batch decide with
 * the entry. So a shipment decided without the entry was committed before the entry, and the chunks,
 * which start after it, see it; one decided or amended later was decided with the entry by the
 * engine. The progress is stored with each chunk: a re-screening cut short (a crash) is resumed.
 */
@Injectable()
export class WatchlistRescreen implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WatchlistRescreen.name);
  private timer: NodeJS.Timeout | null = null;
  private sweep: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly rescreens: WatchlistRescreenRepository,
    private readonly watchlist: WatchlistRepository,
    private readonly candidates: WatchlistCandidatesRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly shipments: ShipmentStateRepository,
    private readonly statusChanges: StatusChangeWriter,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.resumeStalled(), RESUME_INTERVAL_MS);
    this.timer.unref();
    this.resumeStalled();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.sweep;
  }

  /** Screens chunk after chunk until every open shipment is screened (or the entry is gone, or the app stops). */
  async run(entryId: string): Promise<RescreenRun> {
    const held: string[] = [];
    for (;;) {
      const chunk = await this.screenNextChunk(entryId);
      if (!chunk) return { held, heldCount: held.length, complete: true };
      held.push(...chunk.held.slice(0, MAX_HELD_REPORTED - held.length));
      if (chunk.finished || this.stopping) return { held, heldCount: chunk.heldCount, complete: chunk.finished };
    }
  }

  /**
   * One chunk in one transaction. Locks, in this order: the re-screening's row (one chunk of an
   * entry at a time; deleting the entry waits for it), the policy revision FOR SHARE (a policy
   * change waits for the chunk, the engine does not), then the chunk's candidates in id order (as
   * the engine locks shipments). Null when there is nothing left to do.
   */
  private screenNextChunk(entryId: string): Promise<Chunk | null> {
    const chunkSize = this.config.watchlistRescreen.chunkSize;
    return this.dataSource.transaction(async (tx) => {
      const rescreen = await this.rescreens.lockUnfinished(tx, entryId);
      if (!rescreen) return null;
      await this.policyInputs.currentRevision(tx);
      // Present: its re-screening row is, and a delete of the entry would have removed both.
      const entry = (await this.watchlist.findById(tx, entryId))!;
      const ids = await this.candidates.findOpen(tx, watchlistMatchKeys(entry.kind, entry.value), rescreen.afterShipmentId, chunkSize);
      const locked = await this.shipments.lockMany(tx, ids);
      const inputs = await this.policyInputs.load(tx);
      // Only this entry: a match is its doing.
      const policy = compilePolicy({ ...inputs, watchlist: [toWatchlistEntry(entry)] });
      const now = this.clock.now();
      const actor = actorOf(rescreen);
      const holds: { before: ShipmentRow; transition: Transition }[] = [];
      for (const id of ids) {
        // Locked now: what the index saw may have changed since (an amendment, an operator's move).
        const row = locked.get(id);
        if (!row?.declaration || !WATCHLIST_HOLDABLE_STATUSES.includes(row.status)) continue;
        const matches = policy.assess(row.declaration, now).reasons.filter((r) => r.code === WATCHLIST_MATCH);
        if (matches.length === 0) continue;
        holds.push({
          before: row,
          transition: applyManualStatusChange({
            current: row,
            status: 'HELD',
            reasons: matches,
            // A watchlist entry is intelligence: the trade reads only that customs selected the shipment.
            publicReasons: [{ ...CUSTOMS_CONTROL_REASON }],
            holdBy: 'WATCHLIST',
            decidedBy: `OPERATOR:${actor.principal.keyId}`,
            activeRulesetVersion: policy.rulesetVersion,
            at: now,
          }),
        });
      }
      await this.statusChanges.write(
        tx,
        holds.map((h) => h.transition),
      );
      for (const { before, transition } of holds) {
        await this.audit.record(tx, actor, {
          action: 'shipment.hold-by-watchlist',
          targetType: 'shipment',
          targetId: before.shipmentId,
          before: { status: before.status, version: before.version },
          after: { status: transition.shipment.status, version: transition.shipment.version, watchlistEntryId: entry.id },
          reason: entry.reason,
        });
      }
      const heldCount = rescreen.held + holds.length;
      const finished = ids.length < chunkSize;
      await this.rescreens.advance(tx, entryId, {
        afterShipmentId: ids.at(-1) ?? rescreen.afterShipmentId,
        held: heldCount,
        at: now,
        finished,
      });
      return { held: holds.map((h) => h.before.shipmentId), heldCount, finished };
    });
  }

  /** Resumes re-screenings whose runner is gone; one sweep at a time. */
  private resumeStalled(): void {
    if (this.sweep || this.stopping) return;
    this.sweep = (async () => {
      try {
        const stalled = await this.rescreens.stalled(new Date(this.clock.now().getTime() - STALLED_AFTER_MS), RESUMED_PER_SWEEP);
        for (const entryId of stalled) {
          if (this.stopping) break;
          const run = await this.run(entryId);
          this.logger.log(
            `Resumed the re-screening of watchlist entry ${entryId}: ${run.heldCount} held${run.complete ? ', complete' : ''}`,
          );
        }
      } catch (error) {
        this.logger.warn(
          `Resuming watchlist re-screenings failed (tried again in ${RESUME_INTERVAL_MS / 1000} s): ${(error as Error).message}`,
        );
      } finally {
        this.sweep = null;
      }
    })();
  }
}
