import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ShipmentRow } from '../entities';

const UPDATABLE_COLUMNS = [
  'status',
  'priority',
  'cold_chain',
  'version',
  'amendment',
  'declaration',
  'ruleset_version',
  'arrived_at',
  'submitted_at',
  'released_at',
  'updated_at',
];

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
    if (rows.length === 0) return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(ShipmentRow)
      .values(rows)
      .orUpdate(UPDATABLE_COLUMNS, ['shipment_id'])
      .execute();
  }
}
