import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** What the operators' admin API needs: API keys, the audit log, dead-letter replays, metrics snapshots. */
export class Operators1764280000000 implements MigrationInterface {
  name = 'Operators1764280000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        id           uuid PRIMARY KEY,
        name         varchar(100) NOT NULL,
        role         varchar(16) NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        key_hash     char(64) NOT NULL UNIQUE,
        created_by   varchar(128) NOT NULL,
        created_at   timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`);

    await db.query(`
      CREATE TABLE audit_log (
        id          bigserial PRIMARY KEY,
        at          timestamptz NOT NULL,
        actor       varchar(128) NOT NULL,
        actor_role  varchar(16),
        remote_addr varchar(64),
        action      varchar(64) NOT NULL,
        target_type varchar(32) NOT NULL,
        target_id   varchar(256),
        before      jsonb,
        after       jsonb,
        reason      text
      )`);
    await db.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, at)`);

    await db.query(`ALTER TABLE dead_letters ADD COLUMN replayed_at timestamptz, ADD COLUMN replay_count integer NOT NULL DEFAULT 0`);
    await db.query(`CREATE INDEX shipments_created_idx ON shipments (created_at DESC, shipment_id DESC)`);
    await db.query(`CREATE INDEX shipments_updated_idx ON shipments (updated_at DESC)`);
    await db.query(`CREATE INDEX dead_letters_shipment_idx ON dead_letters (shipment_id) WHERE shipment_id IS NOT NULL`);
    await db.query(`CREATE INDEX decisions_status_time_idx ON decisions (decided_at)`);

    // Each running process stores its Prometheus metrics here every few seconds; the admin
    // API's /metrics aggregates the fresh ones (one row per process: no write contention).
    await db.query(`
      CREATE TABLE process_metrics (
        process_id varchar(128) PRIMARY KEY,
        app        varchar(64) NOT NULL,
        snapshot   jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS process_metrics`);
    await db.query(`DROP INDEX IF EXISTS decisions_status_time_idx`);
    await db.query(`DROP INDEX IF EXISTS dead_letters_shipment_idx`);
    await db.query(`DROP INDEX IF EXISTS shipments_updated_idx`);
    await db.query(`DROP INDEX IF EXISTS shipments_created_idx`);
    await db.query(`ALTER TABLE dead_letters DROP COLUMN IF EXISTS replayed_at, DROP COLUMN IF EXISTS replay_count`);
    await db.query(`DROP TABLE IF EXISTS audit_log`);
    await db.query(`DROP TABLE IF EXISTS api_keys`);
  }
}
