import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The operators' workbench (docs/contract.md#operators): examination results, worklist claims,
 * service-level alerts (one per shipment: the primary key makes "raised once" hold across admin
 * processes), and the second admin's approval of a ruleset version (four eyes). Versions that
 * exist already were activated without one; they count as approved by the migration.
 */
export class OperatorsWorkbench1764470000000 implements MigrationInterface {
  name = 'OperatorsWorkbench1764470000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE examinations (
        id                              bigserial PRIMARY KEY,
        shipment_id                     varchar(64) NOT NULL REFERENCES shipments (shipment_id),
        shipment_version                integer NOT NULL,
        status_at_examination           varchar(32) NOT NULL,
        outcome                         varchar(16) NOT NULL CHECK (outcome IN ('NO_FINDING', 'DISCREPANCY', 'FALSIFIED', 'SEIZED')),
        findings                        text NOT NULL,
        temperature_controlled_facility boolean NOT NULL,
        quantity_checked                numeric,
        recorded_by                     varchar(128) NOT NULL,
        recorded_at                     timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX examinations_shipment_idx ON examinations (shipment_id, id)`);
    await db.query(`
      CREATE TABLE worklist_claims (
        shipment_id varchar(64) PRIMARY KEY REFERENCES shipments (shipment_id),
        claimed_by  varchar(128) NOT NULL,
        claimed_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE service_level_alerts (
        shipment_id       varchar(64) PRIMARY KEY REFERENCES shipments (shipment_id),
        priority          varchar(16) NOT NULL,
        cold_chain        boolean NOT NULL,
        threshold_minutes integer NOT NULL,
        arrived_at        timestamptz NOT NULL,
        raised_at         timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX service_level_alerts_raised_idx ON service_level_alerts (raised_at)`);
    // Open shipments that have arrived: what the service-level check scans.
    await db.query(`
      CREATE INDEX shipments_open_arrived_idx ON shipments (arrived_at)
      WHERE arrived_at IS NOT NULL AND status IN ('DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD')`);
    await db.query(`ALTER TABLE rulesets ADD COLUMN approved_by varchar(128), ADD COLUMN approved_at timestamptz`);
    await db.query(`UPDATE rulesets SET approved_by = 'migration', approved_at = created_at`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rulesets DROP COLUMN IF EXISTS approved_at, DROP COLUMN IF EXISTS approved_by`);
    await db.query(`DROP INDEX IF EXISTS shipments_open_arrived_idx`);
    await db.query(`DROP TABLE IF EXISTS service_level_alerts`);
    await db.query(`DROP TABLE IF EXISTS worklist_claims`);
    await db.query(`DROP TABLE IF EXISTS examinations`);
  }
}
