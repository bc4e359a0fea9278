import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

/** Partitions of the outbox: `outbox_partition(message_key)` (see the migration) is below this. */
export const OUTBOX_PARTITIONS = 32;

/** Advisory lock namespaces (the first of two int4 keys) of the publishers. */
const PARTITION_LOCKS = 0x0b0c;
export const PUBLISHER_MEMBER_LOCKS = 0x0b0d;

/**
 * Which outbox partitions a publisher may publish now. Each partition is published by one
 * publisher at a time (a transaction-scoped advisory lock, held while its rows are read, sent
 * and deleted), so a shipment's versions, all in one partition, never overtake each other.
 */
@Injectable()
export class OutboxPartitionRepository {
  /**
   * Held (shared) by every partitioned publisher for its transaction; a publisher of before the
   * partitions took it exclusively, so during a rolling upgrade the two kinds never publish at once.
   */
  async tryEnterPublishing(tx: EntityManager): Promise<boolean> {
    const [row] = await tx.query(`SELECT pg_try_advisory_xact_lock_shared(hashtext('outbox-publisher')) AS locked`);
    return row.locked === true;
  }

  /** Locks, for this transaction, those of `partitions` no other publisher holds; returns them. */
  async tryLockPartitions(tx: EntityManager, partitions: number[]): Promise<number[]> {
    if (partitions.length === 0) return [];
    const rows: { partition: number }[] = await tx.query(
      `SELECT p AS partition FROM unnest($1::int[]) AS p WHERE pg_try_advisory_xact_lock(${PARTITION_LOCKS}, p) ORDER BY p`,
      [partitions],
    );
    return rows.map((r) => r.partition);
  }

  /**
   * The member ids of the live publishers of this database, ascending: each holds a session
   * advisory lock on its id (see PublisherMembership), released when its connection ends.
   */
  async members(tx: EntityManager): Promise<number[]> {
    const rows: { member: string }[] = await tx.query(
      `SELECT objid::bigint AS member FROM pg_locks
         WHERE locktype = 'advisory' AND granted AND classid = ${PUBLISHER_MEMBER_LOCKS} AND objsubid = 2
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         ORDER BY objid`,
    );
    return rows.map((r) => Number(r.member));
  }
}
