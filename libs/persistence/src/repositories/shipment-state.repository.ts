import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ShipmentRow } from '../entities';
import { BulkColumn, bulkInsert } from './bulk-insert';

const COLUMNS: BulkColumn<ShipmentRow>[] = [
  { column: 'shipment_id', type: 'text', value: (r) => r.shipmentId },
  { column: 'status', type: 'text', value: (r) => r.status },
  { column: 'priority', type: 'text', value: (r) => r.priority },
  { column: 'cold_chain', type: 'boolean', value: (r) => r.coldChain },
  { column: 'version', type: 'integer', value: (r) => r.version },
  { column: 'amendment', type: 'integer', value: (r) => r.amendment },
  { column: 'declaration', type: 'jsonb', value: (r) => r.declaration },
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

  /**
   * Every open shipment (not RELEASED, CANCELLED or REJECTED) that has a declaration, locked
   * until the transaction ends, in the engine's lock order (by id) so the two never deadlock.
   * One query over all of them: fine for thousands of open shipments; beyond that, screen in
   * chunks or pre-filter in SQL by the entry's kind and value.
   */
  lockOpenWithDeclarations(tx: EntityManager): Promise<ShipmentRow[]> {
    return tx
      .getRepository(ShipmentRow)
      .createQueryBuilder('s')
      .where('s.status NOT IN (:...closed)', { closed: ['RELEASED', 'CANCELLED', 'REJECTED'] })
      .andWhere('s.declaration IS NOT NULL')
      .orderBy('s.shipment_id')
      .setLock('pessimistic_write')
      .getMany();
  }

  async saveMany(tx: EntityManager, rows: ShipmentRow[]): Promise<void> {
    await bulkInsert(tx, 'shipments', COLUMNS, rows, { suffix: UPSERT });
  }
}
