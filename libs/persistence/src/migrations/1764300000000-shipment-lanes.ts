import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The priority lane each shipment was pinned to when the triage first saw it. */
export class ShipmentLanes1764300000000 implements MigrationInterface {
  name = 'ShipmentLanes1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shipment_lanes (
        shipment_id text PRIMARY KEY,
        lane text NOT NULL CHECK (lane IN ('CRITICAL', 'ESSENTIAL', 'STANDARD')),
        pinned_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS shipment_lanes`);
  }
}
