import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * An outbox row the broker refuses for good (too large for its topic, an invalid record, ...) is
 * set aside with the broker's answer instead of blocking the rows after it: it is never sent
 * again, and operators list it (GET /api/v1/outbox/refused). The pending index leaves such rows
 * out, so the publisher never scans past them; a second partial index pages them newest first.
 * The checks are NOT VALID: existing rows hold them trivially (the new columns are null), so the
 * table, which keeps every published row, is not scanned for them while it is locked.
 */
export class OutboxRefusals1764450000000 implements MigrationInterface {
  name = 'OutboxRefusals1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE outbox
        ADD COLUMN refused_at    timestamptz,
        ADD COLUMN refusal_code  varchar(64),
        ADD COLUMN refusal_error text,
        ADD CONSTRAINT outbox_refusal_complete
          CHECK ((refused_at IS NULL) = (refusal_code IS NULL) AND (refused_at IS NULL) = (refusal_error IS NULL)) NOT VALID,
        ADD CONSTRAINT outbox_published_or_refused CHECK (published_at IS NULL OR refused_at IS NULL) NOT VALID`);
    await db.query(`CREATE INDEX outbox_sendable_lane_idx ON outbox (lane, id) WHERE published_at IS NULL AND refused_at IS NULL`);
    await db.query(`DROP INDEX IF EXISTS outbox_pending_lane_idx`);
    await db.query(`CREATE INDEX outbox_refused_idx ON outbox (id) WHERE refused_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS outbox_refused_idx`);
    await db.query(`CREATE INDEX IF NOT EXISTS outbox_pending_lane_idx ON outbox (lane, id) WHERE published_at IS NULL`);
    await db.query(`DROP INDEX IF EXISTS outbox_sendable_lane_idx`);
    await db.query(`
      ALTER TABLE outbox
        DROP CONSTRAINT IF EXISTS outbox_published_or_refused,
        DROP CONSTRAINT IF EXISTS outbox_refusal_complete,
        DROP COLUMN IF EXISTS refusal_error,
        DROP COLUMN IF EXISTS refusal_code,
        DROP COLUMN IF EXISTS refused_at`);
  }
}
