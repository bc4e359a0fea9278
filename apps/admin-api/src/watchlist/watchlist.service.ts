import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { isCountryCode } from '@app/contract';
import {
  toWatchlistEntry,
  WatchlistEntryRow,
  WatchlistRepository,
  WatchlistRescreenRepository,
  WatchlistRescreenRow,
} from '@app/persistence';
import { isWatchlistEntryActive, WatchlistKind } from '@app/policy';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';
import { IdPageQuery, pageByUuid } from '../common/paging';
import { FieldError, fieldErrors } from '../common/validation';
import { CreatedWatchlistEntryView, WatchlistEntryPage, WatchlistEntryView } from './watchlist.dto';
import { RescreenRun, WatchlistRescreen } from './watchlist-rescreen';

export interface AddWatchlistEntryCommand {
  kind: WatchlistKind;
  value: string;
  reason: string;
  /** RFC 3339 (already checked), or undefined: never expires. */
  expiresAt?: string;
  actor: RequestActor;
}

function toEntryView(row: WatchlistEntryRow, now: Date): Omit<WatchlistEntryView, 'rescreen'> {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    reason: row.reason,
    author: row.author,
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    active: isWatchlistEntryActive(toWatchlistEntry(row), now),
  };
}

function toView(row: WatchlistEntryRow, rescreen: WatchlistRescreenRow | undefined, now: Date): WatchlistEntryView {
  return {
    ...toEntryView(row, now),
    rescreen: rescreen ? { heldCount: rescreen.held, finishedAt: rescreen.finishedAt ? rescreen.finishedAt.toISOString() : null } : null,
  };
}

/**
 * The watchlist: intelligence that holds shipments. A new entry reaches later decisions through
 * the policy revision (the engine re-reads its inputs) and open shipments through its re-screening
 * (WatchlistRescreen), which the insert's transaction records as owed.
 */
@Injectable()
export class WatchlistService {
  private readonly logger = new Logger(WatchlistService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly watchlist: WatchlistRepository,
    private readonly rescreens: WatchlistRescreenRepository,
    private readonly rescreen: WatchlistRescreen,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Newest first. */
  async list(query: IdPageQuery): Promise<WatchlistEntryPage> {
    const now = this.clock.now();
    const page = await pageByUuid(
      query,
      (limit, before) => this.watchlist.page(limit, before),
      (row) => row,
    );
    const rescreens = new Map((await this.rescreens.findByEntryIds(page.items.map((e) => e.id))).map((r) => [r.entryId, r]));
    return { items: page.items.map((row) => toView(row, rescreens.get(row.id), now)), nextCursor: page.nextCursor };
  }

  async add(command: AddWatchlistEntryCommand): Promise<CreatedWatchlistEntryView> {
    const { actor } = command;
    const now = this.clock.now();
    const expiresAt = command.expiresAt === undefined ? null : new Date(command.expiresAt);
    const errors: FieldError[] = [];
    if (command.kind === 'ORIGIN_COUNTRY' && !isCountryCode(command.value)) {
      errors.push({
        field: 'value',
        message: 'an ORIGIN_COUNTRY value must be an ISO 3166-1 alpha-2 country code in upper case (e.g. BE)',
      });
    }
    if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
      errors.push({ field: 'expiresAt', message: `expiresAt must be in the future (now is ${now.toISOString()})` });
    }
    if (errors.length > 0) throw fieldErrors(errors);

    const row: WatchlistEntryRow = {
      id: randomUUID(),
      kind: command.kind,
      value: command.value,
      reason: command.reason,
      author: actor.principal.actor,
      expiresAt,
      createdAt: now,
    };
    // Short: the policy revision this insert moves is held only until the entry and its owed re-screening commit.
    await this.dataSource.transaction(async (tx) => {
      await this.watchlist.insert(tx, row);
      await this.audit.record(tx, actor, {
        action: 'watchlist.add',
        targetType: 'watchlist-entry',
        targetId: row.id,
        after: { kind: row.kind, value: row.value, expiresAt: row.expiresAt?.toISOString() ?? null },
        reason: row.reason,
      });
      await this.rescreens.start(tx, {
        entryId: row.id,
        actor: actor.principal.actor,
        actorKeyId: actor.principal.keyId,
        actorRole: actor.principal.role,
        remoteAddr: actor.remoteAddr,
        startedAt: now,
      });
    });
    return { ...toEntryView(row, now), rescreened: await this.rescreenNow(row.id) };
  }

  /** The entry is stored and its re-screening owed: if this run stops, it is resumed in the background. */
  private async rescreenNow(entryId: string): Promise<RescreenRun> {
    try {
      return await this.rescreen.run(entryId);
    } catch (error) {
      this.logger.warn(`The re-screening for watchlist entry ${entryId} stopped and will be resumed: ${(error as Error).message}`);
      return { held: [], heldCount: 0, complete: false };
    }
  }

  async remove(id: string, actor: RequestActor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const removed = await this.watchlist.remove(tx, id);
      if (!removed) throw new NotFoundException(`No watchlist entry ${id}`);
      await this.audit.record(tx, actor, {
        action: 'watchlist.remove',
        targetType: 'watchlist-entry',
        targetId: id,
        before: { kind: removed.kind, value: removed.value, reason: removed.reason, expiresAt: removed.expiresAt?.toISOString() ?? null },
      });
    });
  }
}
