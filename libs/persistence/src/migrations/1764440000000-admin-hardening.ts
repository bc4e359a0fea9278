import { type MigrationInterface, type QueryRunner } from 'typeorm';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\u212A';
const LOWER = 'abcdefghijklmnopqrstuvwxyzik';
/** Lower-cases ASCII letters; İ (U+0130) and the Kelvin sign are the only other characters JavaScript lower-cases to ASCII (to i and k). */
const asciiLower = (text: string) => `translate(${text}, '${UPPER}', '${LOWER}')`;
const PARTIES = `(SELECT declaration -> 'parties' -> role AS party FROM unnest(ARRAY['consignor', 'consignee', 'declarant']) AS role) AS parties`;

/** Superseded by keys computed by the writer (migration 1764500000000, which drops it); its down() recreates it. */
export const CREATE_WATCHLIST_KEYS_FUNCTION = `
      CREATE FUNCTION shipment_watchlist_keys(declaration jsonb) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT coalesce(array_agg(DISTINCT key), '{}'::text[]) FROM (
          SELECT 'party-id:' || regexp_replace(${asciiLower(`party ->> 'id'`)}, '[^\\u0001-\\u007f]+', '', 'g') AS key
            FROM ${PARTIES} WHERE party ->> 'id' IS NOT NULL
          UNION ALL
          SELECT 'name:' || regexp_replace(${asciiLower(`party ->> 'name'`)}, '[^a-z0-9]+', '', 'g')
            FROM ${PARTIES} WHERE party ->> 'name' IS NOT NULL
          UNION ALL
          SELECT 'manufacturer:' || regexp_replace(${asciiLower(`name #>> '{}'`)}, '[^a-z0-9]+', '', 'g')
            FROM jsonb_path_query(declaration, 'lax $.items[*].manufacturer.name') AS name
          UNION ALL
          SELECT 'origin:' || (declaration #>> '{route,originCountry}') WHERE declaration #>> '{route,originCountry}' IS NOT NULL
        ) AS keys
      $fn$`;

/**
 * The admin API's hardening: API keys may expire; a new watchlist entry's re-screening of open
 * shipments runs in chunks whose progress is stored (a restart resumes it); open shipments are
 * found by an expression index of the keys a watchlist entry can match.
 */
export class AdminHardening1764440000000 implements MigrationInterface {
  name = 'AdminHardening1764440000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE api_keys ADD COLUMN expires_at timestamptz`);

    // One row per entry whose re-screening started: shipments up to after_shipment_id are done.
    // Not a policy table: changing it must not move the policy revision (the engine would reload).
    await db.query(`
      CREATE TABLE watchlist_rescreens (
        entry_id          uuid PRIMARY KEY REFERENCES watchlist_entries (id) ON DELETE CASCADE,
        actor             varchar(128) NOT NULL,
        actor_key_id      uuid NOT NULL,
        actor_role        varchar(16) NOT NULL,
        remote_addr       varchar(64),
        after_shipment_id varchar(64),
        held              integer NOT NULL DEFAULT 0,
        started_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        finished_at       timestamptz
      )`);
    await db.query(`CREATE INDEX watchlist_rescreens_unfinished_idx ON watchlist_rescreens (updated_at) WHERE finished_at IS NULL`);

    // The keys a declaration offers to watchlist entries, each the ASCII part of what the policy
    // compares (libs/policy rules/watchlist.ts): party ids lower-cased, party and manufacturer
    // names normalised (lower case, letters and digits only), the origin country as declared.
    // Equal for the policy implies equal here, so the index finds every match (and a few more
    // with non-ASCII names, which the policy then rules out). Built-ins only, no lookups that
    // could fail: it must never refuse a row the engine writes.
    await db.query(CREATE_WATCHLIST_KEYS_FUNCTION);
    // Only the shipments a new entry may hold: open and not HELD already. Without fastupdate each
    // write pays its own small cost (about 35 µs measured) instead of an engine batch now and then
    // paying for flushing the pending list.
    await db.query(`
      CREATE INDEX shipments_watchlist_keys_idx ON shipments USING gin (shipment_watchlist_keys(declaration)) WITH (fastupdate = off)
      WHERE status IN ('PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS shipments_watchlist_keys_idx`);
    await db.query(`DROP FUNCTION IF EXISTS shipment_watchlist_keys(jsonb)`);
    await db.query(`DROP TABLE IF EXISTS watchlist_rescreens`);
    await db.query(`ALTER TABLE api_keys DROP COLUMN IF EXISTS expires_at`);
  }
}
