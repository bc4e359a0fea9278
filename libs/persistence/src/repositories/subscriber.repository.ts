import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A logistics firm that receives the statuses of the shipments naming one of its party ids. */
export interface Subscriber {
  id: string;
  name: string;
  partyIds: string[];
  /** Webhook delivery is held while paused; notifications are still recorded for pull and for later. */
  paused: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface SubscriberRecord {
  id: string;
  name: string;
  party_ids: string[];
  paused: boolean;
  created_at: Date;
  updated_at: Date;
}

const toSubscriber = (r: SubscriberRecord): Subscriber => ({
  id: r.id,
  name: r.name,
  partyIds: r.party_ids,
  paused: r.paused,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const COLUMNS = 'id, name, party_ids, paused, created_at, updated_at';

@Injectable()
export class SubscriberRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, subscriber: Subscriber): Promise<void> {
    await tx.query(`INSERT INTO subscribers (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
      subscriber.id,
      subscriber.name,
      subscriber.partyIds,
      subscriber.paused,
      subscriber.createdAt,
      subscriber.updatedAt,
    ]);
  }

  async find(id: string, tx: EntityManager = this.dataSource.manager): Promise<Subscriber | null> {
    const rows: SubscriberRecord[] = await tx.query(`SELECT ${COLUMNS} FROM subscribers WHERE id = $1`, [id]);
    return rows.length > 0 ? toSubscriber(rows[0]) : null;
  }

  /** The subscriber, locked for this transaction (concurrent changes of it wait). */
  async lock(tx: EntityManager, id: string): Promise<Subscriber | null> {
    const rows: SubscriberRecord[] = await tx.query(`SELECT ${COLUMNS} FROM subscribers WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length > 0 ? toSubscriber(rows[0]) : null;
  }

  /** Newest first, after the subscriber `beforeId` when given. */
  async page(limit: number, beforeId?: string): Promise<Subscriber[]> {
    const rows: SubscriberRecord[] = beforeId
      ? await this.dataSource.query(
          `SELECT ${COLUMNS} FROM subscribers
            WHERE (created_at, id) < (SELECT c.created_at, c.id FROM subscribers c WHERE c.id = $2)
            ORDER BY created_at DESC, id DESC LIMIT $1`,
          [limit, beforeId],
        )
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM subscribers ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
    return rows.map(toSubscriber);
  }

  async update(tx: EntityManager, subscriber: Subscriber): Promise<void> {
    await tx.query(`UPDATE subscribers SET name = $2, party_ids = $3, paused = $4, updated_at = $5 WHERE id = $1`, [
      subscriber.id,
      subscriber.name,
      subscriber.partyIds,
      subscriber.paused,
      subscriber.updatedAt,
    ]);
  }

  /** Deletes the subscriber with its endpoints, notifications, deliveries and API keys (cascade). */
  async delete(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM subscribers WHERE id = $1`, [id]);
  }
}
