import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Priority } from '@app/contract/clearance-status';

/**
 * Pins each shipment to the lane it was first seen in, so all its later events follow it and
 * stay in order even when an amendment changes its priority.
 */
@Injectable()
export class ShipmentLaneRepository {
  /**
   * Pins the shipments not pinned yet to the given lanes; returns every given shipment's pinned lane.
   * Rows go in in shipment id order (two batches cannot deadlock); a concurrent pin of the
   * same shipment waits for the other transaction and is read back by the second statement.
   */
  async pin(db: EntityManager, firstSeen: ReadonlyMap<string, Priority>, at: Date): Promise<Map<string, Priority>> {
    const pinned = new Map<string, Priority>();
    if (firstSeen.size === 0) return pinned;
    const inserted: { shipment_id: string; lane: Priority }[] = await db.query(
      `INSERT INTO shipment_lanes (shipment_id, lane, pinned_at)
       SELECT x.shipment_id, x.lane, $2 FROM jsonb_to_recordset($1::jsonb) AS x(shipment_id text, lane text)
       ORDER BY x.shipment_id
       ON CONFLICT (shipment_id) DO NOTHING
       RETURNING shipment_id, lane`,
      [JSON.stringify([...firstSeen].map(([shipment_id, lane]) => ({ shipment_id, lane }))), at],
    );
    for (const row of inserted) pinned.set(row.shipment_id, row.lane);
    const known = [...firstSeen.keys()].filter((id) => !pinned.has(id));
    for (const [id, lane] of await this.lanesOf(db, known)) pinned.set(id, lane);
    return pinned;
  }

  /** The lanes the given shipments are pinned to (a shipment never pinned is absent). */
  async lanesOf(db: EntityManager, shipmentIds: string[]): Promise<Map<string, Priority>> {
    if (shipmentIds.length === 0) return new Map();
    const rows: { shipment_id: string; lane: Priority }[] = await db.query(
      'SELECT shipment_id, lane FROM shipment_lanes WHERE shipment_id = ANY($1::text[])',
      [shipmentIds],
    );
    return new Map(rows.map((r) => [r.shipment_id, r.lane]));
  }
}
