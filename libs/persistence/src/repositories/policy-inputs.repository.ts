import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PolicyInputs, REFERENCE_LIST_NAMES, ReferenceLists, WatchlistEntry } from '@app/policy/types';
import { ReferenceListRow, RulesetRow, WatchlistEntryRow } from '../entities';

/** A watchlist row as the policy reads it. */
export function toWatchlistEntry(row: WatchlistEntryRow): WatchlistEntry {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    reason: row.reason,
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
  };
}

/** Reads what the policy evaluates: the active ruleset, the reference lists and the watchlist. */
@Injectable()
export class PolicyInputsRepository {
  /**
   * Moves whenever a ruleset, list or watchlist entry changes (maintained by triggers).
   * FOR SHARE holds a change of the policy until the caller's transaction ends, and waits for
   * one in progress: a batch decides either wholly before or wholly after, say, a new watchlist
   * entry and its re-screening of open shipments, so no shipment slips between the two.
   */
  async currentRevision(tx: EntityManager): Promise<string> {
    const [row] = await tx.query('SELECT revision FROM policy_revision WHERE id = 1 FOR SHARE');
    return String(row.revision);
  }

  /** The revision without a lock, for readers that need not serialise with policy changes (the triage's lane choice). */
  async latestRevision(manager: EntityManager): Promise<string> {
    const [row] = await manager.query('SELECT revision FROM policy_revision WHERE id = 1');
    return String(row.revision);
  }

  async load(tx: EntityManager): Promise<PolicyInputs> {
    const ruleset = await tx.getRepository(RulesetRow).findOne({ where: { active: true } });
    if (!ruleset) throw new Error('No active ruleset: run the migrations, or activate a ruleset version.');
    const listRows = await tx.getRepository(ReferenceListRow).find();
    const lists = Object.fromEntries(REFERENCE_LIST_NAMES.map((name) => [name, [] as string[]])) as ReferenceLists;
    for (const row of listRows) lists[row.name] = row.entries;
    const watchlist = await tx.getRepository(WatchlistEntryRow).find();
    return {
      ruleset: { version: ruleset.version, document: ruleset.document },
      lists,
      watchlist: watchlist.map(toWatchlistEntry),
    };
  }
}
