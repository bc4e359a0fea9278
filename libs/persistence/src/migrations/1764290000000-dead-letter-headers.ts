import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Dead letters keep their original headers (a replay re-sends them); release-time statistics scan by release time. */
export class DeadLetterHeaders1764290000000 implements MigrationInterface {
  name = 'DeadLetterHeaders1764290000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dead_letters ADD COLUMN headers jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await db.query(`CREATE INDEX shipments_released_idx ON shipments (released_at) WHERE released_at IS NOT NULL`);
    // A resent bad event (same id) is recognised: it is dead-lettered again but rejects nothing twice.
    await db.query(`CREATE INDEX dead_letters_event_idx ON dead_letters (event_id) WHERE event_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS dead_letters_event_idx`);
    await db.query(`DROP INDEX IF EXISTS shipments_released_idx`);
    await db.query(`ALTER TABLE dead_letters DROP COLUMN IF EXISTS headers`);
  }
}
