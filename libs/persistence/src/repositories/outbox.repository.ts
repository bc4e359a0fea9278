import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Priority, PRIORITIES } from '@app/contract/clearance-status';
import { OutboxMessageRow } from '../entities';
import { BulkColumn, bulkInsert } from './bulk-insert';
import { type WriteTarget } from './gathered-writes';

/** NOTIFY channel of new outbox rows (sent by the outbox's insert trigger, see the migrations). */
export const OUTBOX_CHANNEL = 'outbox_pending';

const COLUMNS: BulkColumn<NewOutboxMessage>[] = [
  { column: 'topic', type: 'text', value: (m) => m.topic },
  { column: 'message_key', type: 'bytea', value: (m) => m.messageKey },
  { column: 'message_value', type: 'bytea', value: (m) => m.messageValue },
  { column: 'headers', type: 'jsonb', value: (m) => m.headers },
  { column: 'created_at', type: 'timestamptz', value: (m) => m.createdAt },
  { column: 'lane', type: 'integer', value: (m) => PRIORITIES.indexOf(m.lane ?? 'STANDARD') },
];

export type NewOutboxMessage = Pick<OutboxMessageRow, 'topic' | 'messageKey' | 'messageValue' | 'headers' | 'createdAt'> & {
  /** The lane of the shipment the record is about (STANDARD when none); all of a shipment's rows must share it. */
  lane?: Priority;
};
export type PendingOutboxMessage = Pick<OutboxMessageRow, 'id' | 'topic' | 'messageKey' | 'messageValue' | 'headers' | 'createdAt'>;

/** An outbox row the broker refused for good, with its answer. */
export interface OutboxRefusal {
  id: string;
  /** The broker's error type, e.g. MESSAGE_TOO_LARGE (at most 64 characters). */
  code: string;
  error: string;
}

/**
 * Kafka records waiting to be published, in the order they were decided. A row is deleted once the
 * broker acknowledged it; the rows that stay are those still to send and those the broker refused
 * for good (set aside for operators).
 */
@Injectable()
export class OutboxRepository {
  /** Adds messages; the insert trigger wakes the publisher when the transaction commits. */
  async enqueue(target: WriteTarget, messages: NewOutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await bulkInsert(target, 'outbox', COLUMNS, messages, { keepOrder: true });
  }

  /**
   * The next rows to publish: CRITICAL lane first, then ESSENTIAL, then STANDARD; in id order
   * within a lane. `partitions`: only rows of these outbox partitions (see OutboxPartitionRepository).
   */
  async findPending(tx: EntityManager, limit: number, partitions?: number[]): Promise<PendingOutboxMessage[]> {
    // A queue's statistics are always behind its rows: estimating a few dozen rows where there
    // are thousands, the planner would read every pending row (a bitmap or sequential scan) and
    // sort them for each batch. For this transaction only, the one plan left is the ordered scan of
    // outbox_sendable_lane_idx, which stops at the LIMIT.
    await tx.query(
      `SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)`,
    );
    const rows: {
      id: string;
      topic: string;
      message_key: Buffer | null;
      message_value: Buffer | null;
      headers: Record<string, string>;
      created_at: Date;
    }[] = await tx.query(
      partitions
        ? // Read in the order of outbox_sendable_lane_idx, stopped at the LIMIT; other publishers' partitions are filtered out.
          `SELECT id, topic, message_key, message_value, headers, created_at FROM outbox
             WHERE outbox_partition(message_key) = ANY($2::int[]) AND refused_at IS NULL
             ORDER BY lane, id LIMIT $1`
        : `SELECT id, topic, message_key, message_value, headers, created_at FROM outbox
             WHERE refused_at IS NULL ORDER BY lane, id LIMIT $1`,
      partitions ? [limit, partitions] : [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      messageKey: r.message_key,
      messageValue: r.message_value,
      headers: r.headers,
      createdAt: r.created_at,
    }));
  }

  /**
   * Rows the broker acknowledged: deleted, in the transaction that read them (one statement; a
   * delete writes no new row version and no index entry, and the outbox keeps only what is still
   * to send or was refused).
   */
  async deletePublished(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** Rows the broker refused for good: never published, never sent again, listed for operators. */
  async setAside(tx: EntityManager, refusals: OutboxRefusal[], at: Date): Promise<void> {
    if (refusals.length === 0) return;
    await tx.query(
      `UPDATE outbox o SET refused_at = $4, refusal_code = r.code, refusal_error = r.error
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS r(id, code, error)
       WHERE o.id = r.id`,
      [refusals.map((r) => r.id), refusals.map((r) => r.code), refusals.map((r) => r.error), at],
    );
  }

  /** Rows still to publish (rows set aside are not). */
  async countPending(tx: EntityManager): Promise<number> {
    const [row] = await tx.query('SELECT count(*)::int AS n FROM outbox WHERE refused_at IS NULL');
    return row.n;
  }
}
