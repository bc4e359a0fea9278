import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A subscriber's HTTPS endpoint, its signing secrets and its delivery state. */
export interface WebhookEndpoint {
  id: string;
  subscriberId: string;
  url: string;
  /** `whsec_<base64>`: signs every message. */
  secret: string;
  /** The secret before the last rotation: still signs too until previousSecretUntil. */
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  createdAt: Date;
  /** First failure of the current run of failures; null when the last call succeeded. */
  failingSince: Date | null;
  failedAttempts: number;
  nextAttemptAt: Date | null;
  /** Set when the endpoint kept failing past the retry window (or an operator paused it): nothing is sent until resumed. */
  pausedAt: Date | null;
  pausedReason: string | null;
}

interface EndpointRecord {
  id: string;
  subscriber_id: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  created_at: Date;
  failing_since: Date | null;
  failed_attempts: number;
  next_attempt_at: Date | null;
  paused_at: Date | null;
  paused_reason: string | null;
}

const COLUMNS =
  'id, subscriber_id, url, secret, previous_secret, previous_secret_until, created_at, failing_since, failed_attempts, next_attempt_at, paused_at, paused_reason';

/** COLUMNS of the table aliased `e`. */
const E_COLUMNS = COLUMNS.split(', ')
  .map((c) => `e.${c}`)
  .join(', ');

const toEndpoint = (r: EndpointRecord): WebhookEndpoint => ({
  id: r.id,
  subscriberId: r.subscriber_id,
  url: r.url,
  secret: r.secret,
  previousSecret: r.previous_secret,
  previousSecretUntil: r.previous_secret_until,
  createdAt: r.created_at,
  failingSince: r.failing_since,
  failedAttempts: r.failed_attempts,
  nextAttemptAt: r.next_attempt_at,
  pausedAt: r.paused_at,
  pausedReason: r.paused_reason,
});

/** How a failed call leaves its endpoint: retried later, or paused. */
export type FailureState = { failingSince: Date; failedAttempts: number } & (
  { nextAttemptAt: Date; pausedReason?: undefined } | { pausedReason: string; nextAttemptAt?: undefined }
);

/**
 * Webhook endpoints. The delivery worker leases a due endpoint (SKIP LOCKED, then a lease that
 * expires), so each endpoint is called by one worker at a time, in order, and an endpoint that
 * is slow or down only ever holds up its own queue.
 */
@Injectable()
export class WebhookEndpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, endpoint: Pick<WebhookEndpoint, 'id' | 'subscriberId' | 'url' | 'secret' | 'createdAt'>): Promise<void> {
    await tx.query(`INSERT INTO webhook_endpoints (id, subscriber_id, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      endpoint.id,
      endpoint.subscriberId,
      endpoint.url,
      endpoint.secret,
      endpoint.createdAt,
    ]);
  }

  async listFor(subscriberIds: string[]): Promise<WebhookEndpoint[]> {
    const rows: EndpointRecord[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE subscriber_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [subscriberIds],
    );
    return rows.map(toEndpoint);
  }

  /** The subscriber's endpoint, locked for this transaction; null when it has no such endpoint. */
  async lock(tx: EntityManager, subscriberId: string, id: string): Promise<WebhookEndpoint | null> {
    const rows: EndpointRecord[] = await tx.query(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 AND subscriber_id = $2 FOR UPDATE`,
      [id, subscriberId],
    );
    return rows.length > 0 ? toEndpoint(rows[0]) : null;
  }

  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [id]);
  }

  async rotateSecret(tx: EntityManager, id: string, secret: string, previous: { secret: string; until: Date }): Promise<void> {
    await tx.query(`UPDATE webhook_endpoints SET secret = $2, previous_secret = $3, previous_secret_until = $4 WHERE id = $1`, [
      id,
      secret,
      previous.secret,
      previous.until,
    ]);
  }

  /** Sends again from the oldest undelivered message, at once. */
  async resume(tx: EntityManager, id: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_endpoints SET paused_at = NULL, paused_reason = NULL, failing_since = NULL, failed_attempts = 0, next_attempt_at = NULL
        WHERE id = $1`,
      [id],
    );
  }

  /**
   * Leases up to `limit` endpoints that have something to send and are due (not paused, their
   * subscriber not paused, past their back-off, no live lease), oldest due first.
   */
  async claimDue(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<WebhookEndpoint[]> {
    if (limit <= 0) return [];
    // UPDATE ... RETURNING through TypeORM answers [rows, count].
    const [rows]: [EndpointRecord[], number] = await this.dataSource.query(
      `UPDATE webhook_endpoints e SET lease_owner = $1, lease_until = $3
        WHERE e.id IN (
          SELECT c.id FROM webhook_endpoints c JOIN subscribers s ON s.id = c.subscriber_id
           WHERE NOT s.paused AND c.paused_at IS NULL
             AND (c.lease_until IS NULL OR c.lease_until < $2)
             AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= $2)
             AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.endpoint_id = c.id AND d.delivered_at IS NULL)
           ORDER BY c.next_attempt_at NULLS FIRST, c.id
           LIMIT $4
           FOR UPDATE OF c SKIP LOCKED)
        RETURNING ${E_COLUMNS}`,
      [owner, now, leaseUntil, limit],
    );
    return rows.map(toEndpoint);
  }

  /**
   * Extends this worker's lease and returns the endpoint as it stands now (a rotated secret, a
   * changed url); null when the lease is lost (expired and taken, or the endpoint deleted or paused, or its subscriber paused).
   */
  async renewLease(id: string, owner: string, until: Date): Promise<WebhookEndpoint | null> {
    const [rows]: [EndpointRecord[], number] = await this.dataSource.query(
      `UPDATE webhook_endpoints e SET lease_until = $3
        WHERE e.id = $1 AND e.lease_owner = $2 AND e.paused_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = e.subscriber_id AND s.paused)
        RETURNING ${E_COLUMNS}`,
      [id, owner, until],
    );
    return rows.length > 0 ? toEndpoint(rows[0]) : null;
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_endpoints SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2`, [
      id,
      owner,
    ]);
  }

  /** The endpoint answered: its run of failures (if any) is over. */
  async recordSuccess(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_endpoints SET failing_since = NULL, failed_attempts = 0, next_attempt_at = NULL WHERE id = $1 AND failed_attempts > 0`,
      [id],
    );
  }

  /** The endpoint failed: retried at nextAttemptAt, or paused with the reason. The lease is released. */
  async recordFailure(id: string, owner: string, state: FailureState, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_endpoints
          SET failing_since = $3, failed_attempts = $4, next_attempt_at = $5, paused_at = $6, paused_reason = $7, lease_owner = NULL, lease_until = NULL
        WHERE id = $1 AND lease_owner = $2`,
      [
        id,
        owner,
        state.failingSince,
        state.failedAttempts,
        state.nextAttemptAt ?? null,
        state.pausedReason === undefined ? null : at,
        state.pausedReason ?? null,
      ],
    );
  }

  async countPaused(): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_endpoints WHERE paused_at IS NOT NULL`,
    );
    return row.n;
  }
}
