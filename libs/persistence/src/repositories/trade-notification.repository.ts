import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type WriteTarget, write } from './gathered-writes';

/** A status version as the trade receives it: the status CloudEvent's JSON text and the party ids the shipment names. */
export interface TradeStatus {
  shipmentId: string;
  version: number;
  /** The identifiers the shipment names (consignor, consignee, declarant, carrier). */
  partyIds: string[];
  /** The status CloudEvent exactly as published on the status topic (JSON text). */
  event: string;
}

/** One status version for one subscriber. */
export interface TradeNotification {
  id: string;
  subscriberId: string;
  shipmentId: string;
  version: number;
  event: string;
  createdAt: Date;
}

interface NotificationRecord {
  id: string;
  subscriber_id: string;
  shipment_id: string;
  version: number;
  event: string;
  created_at: Date;
}

const toNotification = (r: NotificationRecord): TradeNotification => ({
  id: r.id,
  subscriberId: r.subscriber_id,
  shipmentId: r.shipment_id,
  version: r.version,
  event: r.event,
  createdAt: r.created_at,
});

/**
 * The trade's notifications: written by every status change in its own transaction (so they are
 * neither lost nor out of version order), read and acknowledged by the pull API, purged after
 * the retention period.
 */
@Injectable()
export class TradeNotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records status versions for the trade, in the caller's transaction and in the order given
   * (a shipment's versions ascending): each shipment's latest status with the parties it names,
   * one notification per version and subscriber acting for one of those parties (as the
   * subscribers stand now), and one webhook delivery per notification and endpoint of its
   * subscriber. Ids ascend in that order, so per shipment and endpoint they follow the versions.
   */
  async fanOut(target: WriteTarget, statuses: TradeStatus[], at: Date): Promise<void> {
    if (statuses.length === 0) return;
    // One statement, one parameter (the statuses as a JSON array, serialised natively): the
    // latest status per shipment, the notifications and their deliveries are written together.
    // Its CTEs are given apart, so that it can be one of a batch's gathered writes.
    const input = JSON.stringify(
      statuses.map((s) => ({ shipment_id: s.shipmentId, version: s.version, party_ids: s.partyIds, event: s.event })),
    );
    await write(target, {
      ctes: [
        {
          name: 'trade_input',
          sql: `SELECT x.shipment_id, x.version, x.party_ids, x.event, x.n
                  FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (shipment_id text, version int, party_ids text[], event text)) WITH ORDINALITY
                       AS x(shipment_id, version, party_ids, event, n)`,
        },
        {
          name: 'trade_latest',
          sql: `INSERT INTO trade_statuses (shipment_id, version, party_ids, event, updated_at)
                SELECT DISTINCT ON (i.shipment_id) i.shipment_id, i.version, i.party_ids, i.event, $2
                  FROM trade_input i
                 ORDER BY i.shipment_id, i.version DESC
                ON CONFLICT (shipment_id) DO UPDATE
                  SET version = excluded.version, party_ids = excluded.party_ids, event = excluded.event, updated_at = excluded.updated_at
                  WHERE trade_statuses.version < excluded.version`,
        },
        {
          name: 'trade_inserted',
          sql: `INSERT INTO trade_notifications (subscriber_id, shipment_id, version, event, created_at)
                SELECT s.id, i.shipment_id, i.version, i.event, $2
                  FROM trade_input i JOIN subscribers s ON s.party_ids && i.party_ids
                 ORDER BY i.n, s.id
                ON CONFLICT DO NOTHING
                RETURNING id, subscriber_id`,
        },
      ],
      sql: `INSERT INTO webhook_deliveries (endpoint_id, notification_id, created_at)
            SELECT e.id, n.id, $2 FROM trade_inserted n JOIN webhook_endpoints e ON e.subscriber_id = n.subscriber_id
             ORDER BY n.id, e.id`,
      params: [input, at],
    });
  }

  /** The subscriber's notifications not yet delivered (by webhook or acknowledged), oldest first, after `afterId`. */
  async undelivered(subscriberId: string, limit: number, afterId?: string): Promise<TradeNotification[]> {
    const rows: NotificationRecord[] = await this.dataSource.query(
      `SELECT id, subscriber_id, shipment_id, version, event, created_at FROM trade_notifications
        WHERE subscriber_id = $1 AND delivered_at IS NULL AND ($3::bigint IS NULL OR id > $3::bigint)
        ORDER BY id LIMIT $2`,
      [subscriberId, limit, afterId ?? null],
    );
    return rows.map(toNotification);
  }

  /** Marks the subscriber's notifications among `ids` delivered by pull; returns how many were still undelivered. */
  async acknowledge(subscriberId: string, ids: string[], at: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE trade_notifications SET delivered_at = $3, delivered_via = 'pull'
        WHERE subscriber_id = $1 AND id = ANY($2::bigint[]) AND delivered_at IS NULL`,
      [subscriberId, ids, at],
    );
    return affected;
  }

  /** The shipment's latest status event when it names one of `partyIds`; null when it does not, or is unknown. */
  async currentStatusFor(shipmentId: string, partyIds: string[]): Promise<string | null> {
    const rows: { event: string }[] = await this.dataSource.query(
      `SELECT event FROM trade_statuses WHERE shipment_id = $1 AND party_ids && $2::text[]`,
      [shipmentId, partyIds],
    );
    return rows.length > 0 ? rows[0].event : null;
  }

  /**
   * Queues again for webhook delivery the subscriber's notifications created since `since` (to
   * every endpoint of it, or to one), in id order. Returns how many deliveries were queued.
   */
  async replay(tx: EntityManager, subscriberId: string, since: Date, at: Date, endpointId?: string): Promise<number> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO webhook_deliveries (endpoint_id, notification_id, created_at)
       SELECT e.id, n.id, $3 FROM trade_notifications n JOIN webhook_endpoints e ON e.subscriber_id = n.subscriber_id
        WHERE n.subscriber_id = $1 AND n.created_at >= $2 AND ($4::uuid IS NULL OR e.id = $4::uuid)
        ORDER BY n.id, e.id
       RETURNING id`,
      [subscriberId, since, at, endpointId ?? null],
    );
    return rows.length;
  }

  /** Deletes notifications created before `before` (their deliveries go with them) and older attempts; returns how many notifications. */
  async purge(before: Date): Promise<number> {
    const [, affected]: [unknown, number] = await this.dataSource.query(`DELETE FROM trade_notifications WHERE created_at < $1`, [before]);
    await this.dataSource.query(`DELETE FROM webhook_attempts WHERE attempted_at < $1`, [before]);
    return affected;
  }

  /** Per subscriber: the creation time of its oldest undelivered notification (subscribers with none are left out). */
  async oldestUndelivered(): Promise<{ subscriberId: string; createdAt: Date }[]> {
    const rows: { subscriber_id: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT subscriber_id, min(created_at) AS created_at FROM trade_notifications WHERE delivered_at IS NULL GROUP BY subscriber_id`,
    );
    return rows.map((r) => ({ subscriberId: r.subscriber_id, createdAt: r.created_at }));
  }
}
