import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type WriteTarget, write } from './gathered-writes';

/** Partitions of one topic as consumed by one consumer group. */
export interface TopicRef {
  groupId: string;
  topic: string;
}

/**
 * Offsets processed, stored with the data they produced. Kafka's committed offset is the
 * fast path; this is the guard that makes a redelivered batch change nothing.
 */
@Injectable()
export class ConsumerProgressRepository {
  /**
   * The first offset not yet processed of each given partition (0 for one never processed),
   * locked (in partition order) until the transaction ends: a consumer that lost a partition in
   * a rebalance waits, then sees the new owner's progress. A partition never processed gets its
   * row first (offset 0), so there is a row to lock even for its very first batch: two owners of
   * that batch (a rebalance mid-batch) then decide it one after the other, not side by side.
   */
  async nextOffsets(tx: EntityManager, ref: TopicRef, partitions: number[]): Promise<Map<number, bigint>> {
    const locked = await this.lockStored(tx, ref, partitions);
    const missing = partitions.filter((p) => !locked.has(p));
    if (missing.length === 0) return locked;
    // Waits for a concurrent transaction inserting the same row, and then inserts nothing.
    await tx.query(
      `INSERT INTO consumer_progress (group_id, topic, partition, next_offset, updated_at)
       SELECT $1, $2, p, 0, now() FROM unnest($3::int[]) AS p ORDER BY p
       ON CONFLICT (group_id, topic, partition) DO NOTHING`,
      [ref.groupId, ref.topic, missing],
    );
    for (const [partition, next] of await this.lockStored(tx, ref, missing)) locked.set(partition, next);
    return locked;
  }

  private async lockStored(tx: EntityManager, ref: TopicRef, partitions: number[]): Promise<Map<number, bigint>> {
    const rows: { partition: number; next_offset: string }[] = await tx.query(
      `SELECT partition, next_offset FROM consumer_progress
       WHERE group_id = $1 AND topic = $2 AND partition = ANY($3::int[])
       ORDER BY partition FOR UPDATE`,
      [ref.groupId, ref.topic, partitions],
    );
    return new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
  }

  /** Forgets a partition's progress (its topic was recreated: offsets start again). */
  async reset(tx: EntityManager, ref: TopicRef, partition: number): Promise<void> {
    await tx.query('DELETE FROM consumer_progress WHERE group_id = $1 AND topic = $2 AND partition = $3', [
      ref.groupId,
      ref.topic,
      partition,
    ]);
  }

  /** Moves each given partition's progress forward (never back). */
  async save(target: WriteTarget, ref: TopicRef, nextOffsets: ReadonlyMap<number, bigint>, at: Date): Promise<void> {
    if (nextOffsets.size === 0) return;
    const partitions = [...nextOffsets.keys()].sort((a, b) => a - b);
    await write(target, {
      sql: `INSERT INTO consumer_progress (group_id, topic, partition, next_offset, updated_at)
       SELECT $1, $2, p.partition, p.next_offset, $5
       FROM unnest($3::int[], $4::bigint[]) AS p(partition, next_offset)
       ON CONFLICT (group_id, topic, partition)
       DO UPDATE SET next_offset = GREATEST(consumer_progress.next_offset, EXCLUDED.next_offset), updated_at = EXCLUDED.updated_at`,
      params: [ref.groupId, ref.topic, partitions, partitions.map((p) => nextOffsets.get(p)!.toString()), at],
    });
  }
}
