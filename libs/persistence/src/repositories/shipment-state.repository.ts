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
