import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { declarationWatchlistKeys } from '@app/policy/watchlist-keys';
import { ShipmentRow } from '../entities';
import { BulkColumn, bulkInsert } from './bulk-insert';
import { type WriteTarget } from './gathered-writes';

const COLUMNS: BulkColumn<ShipmentRow>[] = [
  { column: 'shipment_id', type: 'text', value: (r) => r.shipmentId },
  { column: 'status', type: 'text', value: (r) => r.status },
  { column: 'priority', type: 'text', value: (r) => r.priority },
  { column: 'cold_chain', type: 'boolean', value: (r) => r.coldChain },
  { column: 'version', type: 'integer', value: (r) => r.version },
  { column: 'amendment', type: 'integer', value: (r) => r.amendment },
  { column: 'declaration', type: 'jsonb', value: (r) => r.declaration },
  // Derived from the declaration, for the watchlist's index (see WatchlistCandidatesRepository).
  { column: 'watchlist_keys', type: 'text[]', value: (r) => (r.declaration ? declarationWatchlistKeys(r.declaration) : null) },
  { column: 'ruleset_version', type: 'integer', value: (r) => r.rulesetVersion },
  { column: 'arrived_at', type: 'timestamptz', value: (r) => r.arrivedAt },
  { column: 'submitted_at', type: 'timestamptz', value: (r) => r.submittedAt },
  { column: 'released_at', type: 'timestamptz', value: (r) => r.releasedAt },
  { column: 'hold', type: 'text', value: (r) => r.hold },
  { column: 'owner_source', type: 'text', value: (r) => r.ownerSource },
  { column: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  { column: 'updated_at', type: 'timestamptz', value: (r) => r.updatedAt },
];

const UPSERT = `ON CONFLICT (shipment_id) DO UPDATE SET ${COLUMNS.filter((c) => !['shipment_id', 'created_at'].includes(c.column))
  .map((c) => `${c.column} = EXCLUDED.${c.column}`)
  .join(', ')}`;

/** Current state of shipments, read and written inside the caller's transaction. */
@Injectable()
export class ShipmentStateRepository {
  /** Loads the given shipments and locks their rows until the transaction ends. */
  async lockMany(tx: EntityManager, shipmentIds: string[]): Promise<Map<string, ShipmentRow>> {
    if (shipmentIds.length === 0) return new Map();
    const rows = await tx
      .getRepository(ShipmentRow)
      .createQueryBuilder('s')
      .where('s.shipment_id = ANY(:ids)', { ids: shipmentIds })
      .orderBy('s.shipment_id')
      .setLock('pessimistic_write')
      .getMany();
    return new Map(rows.map((row) => [row.shipmentId, row]));
  }

  async saveMany(target: WriteTarget, rows: ShipmentRow[]): Promise<void> {
    await bulkInsert(target, 'shipments', COLUMNS, rows, { suffix: UPSERT });
  }
}
