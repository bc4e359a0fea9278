import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ClearanceStatus } from '@app/contract/clearance-status';

/** Open and not HELD already: the shipments a new watchlist entry may hold (the predicate of shipments_watchlist_keys_idx). */
export const WATCHLIST_HOLDABLE_STATUSES: readonly ClearanceStatus[] = ['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED'];
/** Literal, as in the index's predicate, so the planner can use the index. */
const HOLDABLE_SQL = WATCHLIST_HOLDABLE_STATUSES.map((s) => `'${s}'`).join(', ');

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
        WHERE s.watchlist_keys && $1::text[]
          AND s.status IN (${HOLDABLE_SQL})
          AND s.shipment_id > $2
        ORDER BY s.shipment_id
        LIMIT $3`,
      [keys, afterShipmentId ?? '', limit],
    );
    return rows.map((r) => r.shipment_id);
  }
}
