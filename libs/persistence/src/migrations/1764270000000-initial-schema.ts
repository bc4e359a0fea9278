import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1764270000000 implements MigrationInterface {
  name = 'InitialSchema1764270000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shipments (
        shipment_id     varchar(64) PRIMARY KEY,
        status          varchar(32) NOT NULL,
        priority        varchar(16) NOT NULL,
        cold_chain      boolean NOT NULL,
        version         integer NOT NULL,
        amendment       integer,
        declaration     jsonb,
        ruleset_version integer,
        arrived_at      timestamptz,
        submitted_at    timestamptz,
        released_at     timestamptz,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX shipments_status_idx ON shipments (status, updated_at)`);

    await db.query(`
      CREATE TABLE shipment_events (
        event_id        varchar(256) PRIMARY KEY,
        shipment_id     varchar(64) NOT NULL,
        type            varchar(64) NOT NULL,
        source          varchar(256) NOT NULL,
        event_time      timestamptz,
        received_at     timestamptz NOT NULL,
        kafka_partition integer NOT NULL,
        kafka_offset    bigint NOT NULL,
        outcome         varchar(64) NOT NULL,
        envelope        jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX shipment_events_shipment_idx ON shipment_events (shipment_id, received_at)`);

    await db.query(`
      CREATE TABLE decisions (
        id              bigserial PRIMARY KEY,
        shipment_id     varchar(64) NOT NULL,
        version         integer NOT NULL,
        status          varchar(32) NOT NULL,
        priority        varchar(16) NOT NULL,
        cold_chain      boolean NOT NULL,
        reasons         jsonb NOT NULL,
        ruleset_version integer,
        decided_by      varchar(128) NOT NULL,
        causation_id    varchar(256),
        decided_at      timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX decisions_shipment_version_uq ON decisions (shipment_id, version)`);

    await db.query(`
      CREATE TABLE outbox (
        id            bigserial PRIMARY KEY,
        topic         varchar(249) NOT NULL,
        message_key   bytea,
        message_value bytea,
        headers       jsonb NOT NULL,
        created_at    timestamptz NOT NULL,
        published_at  timestamptz
      )`);
    // The publisher only ever scans what is still to be sent.
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL`);

    await db.query(`
      CREATE TABLE dead_letters (
        id              bigserial PRIMARY KEY,
        source_topic    varchar(249) NOT NULL,
        kafka_partition integer NOT NULL,
        kafka_offset    bigint NOT NULL,
        message_key     bytea,
        message_value   bytea,
        error_kind      varchar(32) NOT NULL,
        errors          jsonb NOT NULL,
        shipment_id     varchar(64),
        event_id        varchar(256),
        received_at     timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX dead_letters_received_idx ON dead_letters (received_at)`);

    await db.query(`
      CREATE TABLE rulesets (
        version      integer PRIMARY KEY,
        document     jsonb NOT NULL,
        active       boolean NOT NULL DEFAULT false,
        created_by   varchar(128) NOT NULL,
        created_at   timestamptz NOT NULL,
        activated_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX rulesets_one_active_uq ON rulesets (active) WHERE active`);

    await db.query(`
      CREATE TABLE reference_lists (
        name       varchar(64) PRIMARY KEY,
        entries    jsonb NOT NULL,
        updated_by varchar(128) NOT NULL,
        updated_at timestamptz NOT NULL
      )`);

    await db.query(`
      CREATE TABLE watchlist_entries (
        id         uuid PRIMARY KEY,
        kind       varchar(32) NOT NULL,
        value      varchar(200) NOT NULL,
        reason     varchar(500) NOT NULL,
        author     varchar(128) NOT NULL,
        expires_at timestamptz,
        created_at timestamptz NOT NULL
      )`);

    // The next offset to process per consumer group and partition, written in the same
    // transaction as the batch: a redelivery after a lost offset commit is skipped.
    await db.query(`
      CREATE TABLE consumer_progress (
        group_id    varchar(255) NOT NULL,
        topic       varchar(249) NOT NULL,
        partition   integer NOT NULL,
        next_offset bigint NOT NULL,
        updated_at  timestamptz NOT NULL,
        PRIMARY KEY (group_id, topic, partition)
      )`);

    // One counter that moves whenever anything the policy reads changes, so the engine
    // re-reads its inputs only when needed (one cheap query per batch otherwise).
    await db.query(`CREATE TABLE policy_revision (id smallint PRIMARY KEY CHECK (id = 1), revision bigint NOT NULL)`);
    await db.query(`INSERT INTO policy_revision (id, revision) VALUES (1, 1)`);
    await db.query(`
      CREATE FUNCTION bump_policy_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE policy_revision SET revision = revision + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    for (const table of ['rulesets', 'reference_lists', 'watchlist_entries']) {
      await db.query(`
        CREATE TRIGGER ${table}_bump_policy_revision
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_policy_revision()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['rulesets', 'reference_lists', 'watchlist_entries']) {
      await db.query(`DROP TRIGGER IF EXISTS ${table}_bump_policy_revision ON ${table}`);
    }
    await db.query(`DROP FUNCTION IF EXISTS bump_policy_revision()`);
    for (const table of [
      'policy_revision',
      'consumer_progress',
      'watchlist_entries',
      'reference_lists',
      'rulesets',
      'dead_letters',
      'outbox',
      'decisions',
      'shipment_events',
      'shipments',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
