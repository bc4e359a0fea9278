import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Outbox rows carry the priority lane of their shipment (0 CRITICAL, 1 ESSENTIAL, 2 STANDARD):
 * the publisher sends CRITICAL statuses first, and each shipment's rows, all in its one lane,
 * still go out in id (version) order.
 */
export class OutboxLanes1764300000002 implements MigrationInterface {
  name = 'OutboxLanes1764300000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox ADD COLUMN lane smallint NOT NULL DEFAULT 2 CHECK (lane BETWEEN 0 AND 2)`);
    await db.query(`CREATE INDEX outbox_pending_lane_idx ON outbox (lane, id) WHERE published_at IS NULL`);
    await db.query(`DROP INDEX IF EXISTS outbox_pending_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS outbox_pending_idx ON outbox (id) WHERE published_at IS NULL`);
    await db.query(`DROP INDEX IF EXISTS outbox_pending_lane_idx`);
    await db.query(`ALTER TABLE outbox DROP COLUMN IF EXISTS lane`);
  }
}
