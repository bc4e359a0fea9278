import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { CREATE_WATCHLIST_KEYS_FUNCTION } from './1764440000000-admin-hardening';

const HOLDABLE = `status IN ('PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED')`;

/**
 * A shipment's watchlist keys become a column its writer fills (libs/policy watchlist-keys.ts),
 * replacing the expression index over a SQL function of the declaration. Measured on a 20,000-event
 * bench run, that index was about 85% of the cost of writing a shipment row: the function (regular
 * expressions over the declaration's JSON) took about 28 µs a row and the GIN insertions, one at a
 * time without the pending list, about 24 µs. The keys now cost the engine a few microseconds, and
 * the GIN index takes them through its pending list (fastupdate, PostgreSQL's default), merged in
 * bulk by autovacuum or when the list is full. Entries and declarations get their keys from the
 * same TypeScript code, so they cannot drift apart.
 */
export class WatchlistKeysColumn1764500000000 implements MigrationInterface {
  name = 'WatchlistKeysColumn1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipments ADD COLUMN watchlist_keys text[]`);
    // Only the rows the index covers need them now; any later write of a row sets its keys.
    await db.query(`UPDATE shipments SET watchlist_keys = shipment_watchlist_keys(declaration) WHERE ${HOLDABLE}`);
    await db.query(`DROP INDEX shipments_watchlist_keys_idx`);
    await db.query(`DROP FUNCTION shipment_watchlist_keys(jsonb)`);
    await db.query(`CREATE INDEX shipments_watchlist_keys_idx ON shipments USING gin (watchlist_keys) WHERE ${HOLDABLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX shipments_watchlist_keys_idx`);
    await db.query(CREATE_WATCHLIST_KEYS_FUNCTION);
    await db.query(
      `CREATE INDEX shipments_watchlist_keys_idx ON shipments USING gin (shipment_watchlist_keys(declaration)) WITH (fastupdate = off) WHERE ${HOLDABLE}`,
    );
    await db.query(`ALTER TABLE shipments DROP COLUMN watchlist_keys`);
  }
}
