import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { applyManualStatusChange, StatusChangeWriter, Transition } from '@app/clearance';
import { Clock } from '@app/config';
import { isCountryCode } from '@app/contract';
import {
  PolicyInputsRepository,
  ShipmentRow,
  ShipmentStateRepository,
  toWatchlistEntry,
  WatchlistEntryRow,
  WatchlistRepository,
} from '@app/persistence';
import { compilePolicy, CUSTOMS_CONTROL_REASON, isWatchlistEntryActive, WatchlistKind } from '@app/policy';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';
import { FieldError, fieldErrors } from '../common/validation';
import { CreatedWatchlistEntryView, WatchlistEntryView } from './watchlist.dto';

export interface AddWatchlistEntryCommand {
  kind: WatchlistKind;
  value: string;
  reason: string;
  /** RFC 3339 (already checked), or undefined: never expires. */
  expiresAt?: string;
  actor: RequestActor;
}

const WATCHLIST_MATCH = 'WATCHLIST_MATCH';

function toView(row: WatchlistEntryRow, now: Date): WatchlistEntryView {
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

/**
 * The watchlist: intelligence that holds shipments. A new entry reaches later decisions through
 * the policy revision (the engine re-reads its inputs) and open shipments through a re-screening
 * in the transaction of the insert.
 */
@Injectable()
export class WatchlistService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly watchlist: WatchlistRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly shipments: ShipmentStateRepository,
    private readonly statusChanges: StatusChangeWriter,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<WatchlistEntryView[]> {
    const now = this.clock.now();
    return (await this.watchlist.list()).map((row) => toView(row, now));
  }

  async add(command: AddWatchlistEntryCommand): Promise<CreatedWatchlistEntryView> {
    const { actor } = command;
    const now = this.clock.now();
    const expiresAt = command.expiresAt === undefined ? null : new Date(command.expiresAt);
    const errors: FieldError[] = [];
    if (command.kind === 'ORIGIN_COUNTRY' && !isCountryCode(command.value)) {
      errors.push({ field: 'value', message: 'an ORIGIN_COUNTRY value must be an ISO 3166-1 alpha-2 country code in upper case (e.g. BE)' });
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
    const held = await this.dataSource.transaction(async (tx) => {
      await this.watchlist.insert(tx, row);
      await this.audit.record(tx, actor, {
        action: 'watchlist.add',
        targetType: 'watchlist-entry',
        targetId: row.id,
        after: { kind: row.kind, value: row.value, expiresAt: row.expiresAt?.toISOString() ?? null },
        reason: row.reason,
      });
      return this.holdMatchingOpenShipments(tx, row, actor, now);
    });
    return { ...toView(row, now), rescreened: { held } };
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

  /**
   * Assesses every open declared shipment with the active ruleset and lists and only the new
   * entry, so a match is this entry's doing; each match not yet HELD becomes HELD, published
   * and audited. Returns their ids.
   */
  private async holdMatchingOpenShipments(tx: EntityManager, entry: WatchlistEntryRow, actor: RequestActor, now: Date): Promise<string[]> {
    const open = await this.shipments.lockOpenWithDeclarations(tx);
    const inputs = await this.policyInputs.load(tx);
    const policy = compilePolicy({ ...inputs, watchlist: [toWatchlistEntry(entry)] });
    const holds: { before: ShipmentRow; transition: Transition }[] = [];
    for (const row of open) {
      if (row.status === 'HELD') continue;
      const matches = policy.assess(row.declaration!, now).reasons.filter((r) => r.code === WATCHLIST_MATCH);
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
    return holds.map((h) => h.before.shipmentId);
  }
}
