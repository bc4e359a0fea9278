import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dead letters keep their original headers (a replay re-sends them); release-time statistics scan by release time. */
export class DeadLetterHeaders1764290000000 implements MigrationInterface {
  name = 'DeadLetterHeaders1764290000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dead_letters ADD COLUMN headers jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await db.query(`CREATE INDEX shipments_released_idx ON shipments (released_at) WHERE released_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS shipments_released_idx`);
    await db.query(`ALTER TABLE dead_letters DROP COLUMN IF EXISTS headers`);
  }
}
