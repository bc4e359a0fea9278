import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Delivery to the trade (docs/contract.md, Delivery to the trade): subscribers and the party ids
 * they act for; each shipment's latest status as the trade may read it; one notification per
 * status version and subscriber named on it (written in the transaction of the status change);
 * webhook endpoints with their secrets, back-off, pause and lease; one delivery row per
 * notification and endpoint; and every delivery attempt with the endpoint's answer.
 * API keys get the role `subscriber`, bound to one subscriber.
 */
export class TradeDelivery1764460000000 implements MigrationInterface {
  name = 'TradeDelivery1764460000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE subscribers (
        id          uuid PRIMARY KEY,
        name        varchar(200) NOT NULL,
        party_ids   text[] NOT NULL,
        paused      boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX subscribers_party_ids_idx ON subscribers USING gin (party_ids)`);
    await db.query(`
      CREATE TABLE trade_statuses (
        shipment_id varchar(64) PRIMARY KEY,
        version     integer NOT NULL,
        party_ids   text[] NOT NULL,
        event       text NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE trade_notifications (
        id            bigserial PRIMARY KEY,
        subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        shipment_id   varchar(64) NOT NULL,
        version       integer NOT NULL,
        event         text NOT NULL,
        created_at    timestamptz NOT NULL,
        delivered_at  timestamptz,
        delivered_via varchar(16) CHECK (delivered_via IN ('pull', 'webhook')),
        CHECK ((delivered_at IS NULL) = (delivered_via IS NULL)),
        UNIQUE (subscriber_id, shipment_id, version)
      )`);
    await db.query(
      `CREATE INDEX trade_notifications_undelivered_idx ON trade_notifications (subscriber_id, id) WHERE delivered_at IS NULL`,
    );
    await db.query(`CREATE INDEX trade_notifications_created_idx ON trade_notifications (created_at)`);
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id                    uuid PRIMARY KEY,
        subscriber_id         uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        url                   text NOT NULL,
        secret                text NOT NULL,
        previous_secret       text,
        previous_secret_until timestamptz,
        created_at            timestamptz NOT NULL,
        failing_since         timestamptz,
        failed_attempts       integer NOT NULL DEFAULT 0,
        next_attempt_at       timestamptz,
        paused_at             timestamptz,
        paused_reason         text,
        lease_owner           varchar(100),
        lease_until           timestamptz
      )`);
    await db.query(`CREATE INDEX webhook_endpoints_subscriber_idx ON webhook_endpoints (subscriber_id)`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        id              bigserial PRIMARY KEY,
        endpoint_id     uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        notification_id bigint NOT NULL REFERENCES trade_notifications (id) ON DELETE CASCADE,
        created_at      timestamptz NOT NULL,
        delivered_at    timestamptz
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (endpoint_id, id) WHERE delivered_at IS NULL`);
    await db.query(`CREATE INDEX webhook_deliveries_notification_idx ON webhook_deliveries (notification_id)`);
    await db.query(`
      CREATE TABLE webhook_attempts (
        id            bigserial PRIMARY KEY,
        subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        endpoint_id   uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        message_id    varchar(100) NOT NULL,
        attempted_at  timestamptz NOT NULL,
        outcome       varchar(16) NOT NULL,
        status_code   integer,
        error         text,
        duration_ms   integer NOT NULL
      )`);
    await db.query(`CREATE INDEX webhook_attempts_subscriber_idx ON webhook_attempts (subscriber_id, id)`);
    await db.query(`CREATE INDEX webhook_attempts_attempted_idx ON webhook_attempts (attempted_at)`);
    await db.query(`ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_role_check`);
    await db.query(`
      ALTER TABLE api_keys
        ADD COLUMN subscriber_id uuid REFERENCES subscribers (id) ON DELETE CASCADE,
        ADD CONSTRAINT api_keys_role_check CHECK (role IN ('viewer', 'operator', 'admin', 'subscriber')),
        ADD CONSTRAINT api_keys_subscriber_bound CHECK ((role = 'subscriber') = (subscriber_id IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM api_keys WHERE role = 'subscriber'`);
    await db.query(`
      ALTER TABLE api_keys
        DROP CONSTRAINT IF EXISTS api_keys_subscriber_bound,
        DROP CONSTRAINT IF EXISTS api_keys_role_check,
        DROP COLUMN IF EXISTS subscriber_id,
        ADD CONSTRAINT api_keys_role_check CHECK (role IN ('viewer', 'operator', 'admin'))`);
    await db.query(
      `DROP TABLE IF EXISTS webhook_attempts, webhook_deliveries, webhook_endpoints, trade_notifications, trade_statuses, subscribers`,
    );
  }
}
