import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { normaliseName } from '@app/policy/normalise';
import type { WatchlistKind } from '@app/policy/types';
import type { ClearanceStatus } from '@app/contract/clearance-status';

/** Open and not HELD already: the shipments a new watchlist entry may hold (the predicate of shipments_watchlist_keys_idx). */
export const WATCHLIST_HOLDABLE_STATUSES: readonly ClearanceStatus[] = ['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED'];
/** Literal, as in the index's predicate, so the planner can use the index. */
const HOLDABLE_SQL = WATCHLIST_HOLDABLE_STATUSES.map((s) => `'${s}'`).join(', ');

const NON_ASCII = /[^\u0000-\u007f]/g;

/**
 * The keys of `shipment_watchlist_keys(declaration)` (migration 1764440000000) that a watchlist
 * entry can match: the ASCII part of what the policy compares (rules/watchlist.ts). Whatever the
 * policy finds equal has equal keys, so the index query finds every shipment the policy would hold.
 */
export function watchlistMatchKeys(kind: WatchlistKind, value: string): string[] {
  const trimmed = value.trim();
  const name = normaliseName(trimmed);
  switch (kind) {
    case 'PARTY': {
      const keys: string[] = [];
      const id = trimmed.toLowerCase();
      if (id !== '') keys.push(`party-id:${id.replace(NON_ASCII, '')}`);
      if (name !== '') keys.push(`name:${name.replace(NON_ASCII, '')}`);
      return keys;
    }
    case 'MANUFACTURER':
      return name === '' ? [] : [`manufacturer:${name.replace(NON_ASCII, '')}`];
    case 'ORIGIN_COUNTRY':
      // Entries and declarations both hold validated upper-case ISO codes.
      return trimmed === '' ? [] : [`origin:${trimmed.toUpperCase()}`];
  }
}

/** Open shipments a watchlist entry may hold, found through the index of their watchlist keys. */
@Injectable()
export class WatchlistCandidatesRepository {
  /**
   * Up to `limit` ids of shipments not yet HELD, RELEASED, CANCELLED or REJECTED whose keys share
   * one with `keys`, in id order after `afterShipmentId`. Nothing is locked: the caller locks and
   * checks each with the policy itself.
   */
  async findOpen(tx: EntityManager, keys: string[], afterShipmentId: string | null, limit: number): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows: { shipment_id: string }[] = await tx.query(
      `SELECT s.shipment_id FROM shipments s
        WHERE shipment_watchlist_keys(s.declaration) && $1::text[]
          AND s.status IN (${HOLDABLE_SQL})
          AND s.shipment_id > $2
        ORDER BY s.shipment_id
        LIMIT $3`,
      [keys, afterShipmentId ?? '', limit],
    );
    return rows.map((r) => r.shipment_id);
  }
}
