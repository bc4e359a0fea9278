import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface PartitionRef {
  groupId: string;
  topic: string;
  partition: number;
}

/**
 * Offsets processed, stored with the data they produced. Kafka's committed offset is the
 * fast path; this is the guard that makes a redelivered batch change nothing.
 */
@Injectable()
export class ConsumerProgressRepository {
  /** The first offset not yet processed, or null when the partition was never processed. */
  async nextOffset(tx: EntityManager, ref: PartitionRef): Promise<bigint | null> {
    const rows: { next_offset: string }[] = await tx.query(
      // FOR UPDATE: a consumer that lost the partition in a rebalance waits, then sees the new owner's progress.
      'SELECT next_offset FROM consumer_progress WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
      [ref.groupId, ref.topic, ref.partition],
    );
    return rows.length ? BigInt(rows[0].next_offset) : null;
  }

  /** Forgets the partition's progress (its topic was recreated: offsets start again). */
  async reset(tx: EntityManager, ref: PartitionRef): Promise<void> {
    await tx.query('DELETE FROM consumer_progress WHERE group_id = $1 AND topic = $2 AND partition = $3', [
      ref.groupId,
      ref.topic,
      ref.partition,
    ]);
  }

  async save(tx: EntityManager, ref: PartitionRef, nextOffset: bigint, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO consumer_progress (group_id, topic, partition, next_offset, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (group_id, topic, partition)
       DO UPDATE SET next_offset = GREATEST(consumer_progress.next_offset, EXCLUDED.next_offset), updated_at = EXCLUDED.updated_at`,
      [ref.groupId, ref.topic, ref.partition, nextOffset.toString(), at],
    );
  }
}
