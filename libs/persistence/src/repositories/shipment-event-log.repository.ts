import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ShipmentEventRow } from '../entities';

/** The log of valid inbound events; its primary key makes event ids idempotent. */
@Injectable()
export class ShipmentEventLogRepository {
  /** Which of these event ids were recorded already (duplicates to drop). */
  async findRecordedIds(tx: EntityManager, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: { event_id: string }[] = await tx.query(
      'SELECT event_id FROM shipment_events WHERE event_id = ANY($1)',
      [eventIds],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  async appendMany(tx: EntityManager, rows: ShipmentEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.createQueryBuilder().insert().into(ShipmentEventRow).values(rows).execute();
  }
}
