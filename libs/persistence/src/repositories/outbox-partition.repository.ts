import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

/** Partitions of the outbox: `outbox_partition(message_key)` (see the migration) is below this. */
export const OUTBOX_PARTITIONS = 32;

/** Advisory lock namespaces (the first of two int4 keys) of the publishers. */
const PARTITION_LOCKS = 0x0b0c;
export const PUBLISHER_MEMBER_LOCKS = 0x0b0d;

/** Those of the partitions $1 no other publisher holds, locked for the transaction, ascending. */
const LOCK_FREE_PARTITIONS_SQL = `SELECT p AS partition FROM unnest($1::int[]) AS p WHERE pg_try_advisory_xact_lock(${PARTITION_LOCKS}, p) ORDER BY p`;

/** The live publishers' member ids, ascending (see members). */
const MEMBERS_SQL = `SELECT objid::bigint AS member FROM pg_locks
   WHERE locktype = 'advisory' AND granted AND classid = ${PUBLISHER_MEMBER_LOCKS} AND objsubid = 2
     AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
   ORDER BY objid`;

/**
 * Which outbox partitions a publisher may publish now. Each partition is published by one
 * publisher at a time (a transaction-scoped advisory lock, held while its rows are read, sent
 * and deleted), so a shipment's versions, all in one partition, never overtake each other.
 */
@Injectable()
export class OutboxPartitionRepository {
  /**
   * A batch's start in one round trip: enters publishing, reads the live members (members) and
   * locks those of `partitions` no other publisher holds (tryLockPartitions). Entering takes, for
   * the transaction, a lock every partitioned publisher shares; a publisher of before the
   * partitions took it exclusively, so during a rolling upgrade the two kinds never publish at once.
   * The caller chose `partitions` from the members of an earlier batch: when the members have
   * changed since, it locks what it owns now with tryLockPartitions.
   */
  async enterAndLock(tx: EntityManager, partitions: number[]): Promise<{ entered: boolean; members: number[]; locked: number[] }> {
    const [row]: { entered: boolean; members: string[]; locked: number[] }[] = await tx.query(
      `SELECT pg_try_advisory_xact_lock_shared(hashtext('outbox-publisher')) AS entered,
              ARRAY(${MEMBERS_SQL}) AS members,
              ARRAY(${LOCK_FREE_PARTITIONS_SQL}) AS locked`,
      [partitions],
    );
    return { entered: row.entered === true, members: row.members.map(Number), locked: row.locked };
  }

  /** Locks, for this transaction, those of `partitions` no other publisher holds; returns them. */
  async tryLockPartitions(tx: EntityManager, partitions: number[]): Promise<number[]> {
    if (partitions.length === 0) return [];
    const rows: { partition: number }[] = await tx.query(LOCK_FREE_PARTITIONS_SQL, [partitions]);
    return rows.map((r) => r.partition);
  }

  /**
   * The member ids of the live publishers of this database, ascending: each holds a session
   * advisory lock on its id (see PublisherMembership), released when its connection ends.
   */
  async members(tx: EntityManager): Promise<number[]> {
    const rows: { member: string }[] = await tx.query(MEMBERS_SQL);
    return rows.map((r) => Number(r.member));
  }
}
