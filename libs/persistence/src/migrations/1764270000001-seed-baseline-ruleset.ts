import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { DEFAULT_REFERENCE_LISTS, DEFAULT_RULESET_DOCUMENT } from '@app/policy/default-ruleset';

/** Version 1 of the policy and its reference lists: the baseline of docs/contract.md, active. */
export class SeedBaselineRuleset1764270000001 implements MigrationInterface {
  name = 'SeedBaselineRuleset1764270000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `INSERT INTO rulesets (version, document, active, created_by, created_at, activated_at)
       VALUES (1, $1, true, 'migration', now(), now())`,
      [JSON.stringify(DEFAULT_RULESET_DOCUMENT)],
    );
    for (const [name, entries] of Object.entries(DEFAULT_REFERENCE_LISTS)) {
      await db.query(`INSERT INTO reference_lists (name, entries, updated_by, updated_at) VALUES ($1, $2, 'migration', now())`, [
        name,
        JSON.stringify(entries),
      ]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM reference_lists WHERE updated_by = 'migration'`);
    await db.query(`DELETE FROM rulesets WHERE version = 1`);
  }
}
