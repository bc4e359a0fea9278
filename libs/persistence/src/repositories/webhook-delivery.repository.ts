import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A notification waiting to be delivered to one endpoint. */
export interface PendingWebhookDelivery {
  id: string;
  notificationId: string;
  /** The status CloudEvent's id: the Standard Webhooks message id, the same on every attempt. */
  messageId: string;
  /** The status CloudEvent's JSON text: the request body. */
  event: string;
}

export type WebhookAttemptOutcome = 'delivered' | 'failed' | 'timeout' | 'refused';

/** One call of an endpoint and its answer. */
export interface WebhookAttempt {
  id: string;
  subscriberId: string;
  endpointId: string;
  messageId: string;
  attemptedAt: Date;
  outcome: WebhookAttemptOutcome;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

interface AttemptRecord {
  id: string;
  subscriber_id: string;
  endpoint_id: string;
  message_id: string;
  attempted_at: Date;
  outcome: WebhookAttemptOutcome;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** Each endpoint's queue of notifications (in id order: version order per shipment) and the log of its calls. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The endpoint's next undelivered messages, oldest first. */
  async pending(endpointId: string, limit: number): Promise<PendingWebhookDelivery[]> {
    const rows: { id: string; notification_id: string; shipment_id: string; version: number; event: string }[] =
      await this.dataSource.query(
        `SELECT d.id, d.notification_id, n.shipment_id, n.version, n.event
         FROM webhook_deliveries d JOIN trade_notifications n ON n.id = d.notification_id
        WHERE d.endpoint_id = $1 AND d.delivered_at IS NULL
        ORDER BY d.id LIMIT $2`,
        [endpointId, limit],
      );
    return rows.map((r) => ({ id: r.id, notificationId: r.notification_id, messageId: `${r.shipment_id}:v${r.version}`, event: r.event }));
  }

  /** The delivery is done; its notification counts as delivered (no longer listed by pull) if it was not yet. */
  async markDelivered(delivery: PendingWebhookDelivery, at: Date): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE webhook_deliveries SET delivered_at = $2 WHERE id = $1`, [delivery.id, at]);
      await tx.query(`UPDATE trade_notifications SET delivered_at = $2, delivered_via = 'webhook' WHERE id = $1 AND delivered_at IS NULL`, [
        delivery.notificationId,
        at,
      ]);
    });
  }

  async recordAttempt(attempt: Omit<WebhookAttempt, 'id'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO webhook_attempts (subscriber_id, endpoint_id, message_id, attempted_at, outcome, status_code, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        attempt.subscriberId,
        attempt.endpointId,
        attempt.messageId,
        attempt.attemptedAt,
        attempt.outcome,
        attempt.statusCode,
        attempt.error,
        attempt.durationMs,
      ],
    );
  }

  /** The subscriber's attempts, newest first, before the attempt `beforeId`. */
  async recentAttempts(subscriberId: string, limit: number, beforeId?: string): Promise<WebhookAttempt[]> {
    const rows: AttemptRecord[] = await this.dataSource.query(
      `SELECT id, subscriber_id, endpoint_id, message_id, attempted_at, outcome, status_code, error, duration_ms FROM webhook_attempts
        WHERE subscriber_id = $1 AND ($3::bigint IS NULL OR id < $3::bigint) ORDER BY id DESC LIMIT $2`,
      [subscriberId, limit, beforeId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      subscriberId: r.subscriber_id,
      endpointId: r.endpoint_id,
      messageId: r.message_id,
      attemptedAt: r.attempted_at,
      outcome: r.outcome,
      statusCode: r.status_code,
      error: r.error,
      durationMs: r.duration_ms,
    }));
  }
}
