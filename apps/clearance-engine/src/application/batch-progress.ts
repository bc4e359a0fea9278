import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@app/config';
import { ConsumerProgressRepository, type TopicRef, type WriteTarget } from '@app/persistence';
import type { ParsedBatch, ParsedRecord } from './parsed-record';

/** The records of a group of partition batches not processed yet, and each partition's next offset after them. */
export interface UnseenRecords {
  fresh: ParsedRecord[];
  progressed: Map<number, bigint>;
  /** Records at or below the stored progress of their partition (a redelivery). */
  skipped: number;
}

/** Pure: what is left of the batches once each partition's stored progress is passed. */
export function unseenRecords(parts: ParsedBatch[], stored: ReadonlyMap<number, bigint>): UnseenRecords {
  const unseen: UnseenRecords = { fresh: [], progressed: new Map(), skipped: 0 };
  for (const { batch, parsed } of parts) {
    const nextOffset = stored.get(batch.partition);
    const records = nextOffset === undefined ? parsed : parsed.filter((p) => BigInt(p.record.offset) >= nextOffset);
    unseen.skipped += parsed.length - records.length;
    if (records.length === 0) continue;
    unseen.fresh.push(...records);
    unseen.progressed.set(batch.partition, BigInt(records[records.length - 1].record.offset) + 1n);
  }
  return unseen;
}

/**
 * Each lane partition's progress, stored in the batch's transaction: a redelivered batch (the
 * offset commit to Kafka lost after the database commit) changes nothing.
 */
@Injectable()
export class BatchProgress {
  private readonly logger = new Logger(BatchProgress.name);

  constructor(
    private readonly progress: ConsumerProgressRepository,
    private readonly clock: Clock,
  ) {}

  /** Locks the partitions' stored progress and returns the records after it (restarted where the topic was recreated). */
  async unseen(tx: EntityManager, ref: TopicRef, parts: ParsedBatch[]): Promise<UnseenRecords> {
    const stored = await this.progress.nextOffsets(
      tx,
      ref,
      parts.map((p) => p.batch.partition),
    );
    for (const { batch } of parts) {
      const nextOffset = stored.get(batch.partition);
      if (nextOffset === undefined || BigInt(batch.highWatermark) >= nextOffset) continue;
      // The log ends before what was processed: the topic was recreated, its offsets start again.
      this.logger.warn(
        `${batch.topic}[${batch.partition}] ends at ${batch.highWatermark}, before the processed offset ${nextOffset}: the topic was recreated; starting its progress again`,
      );
      await this.progress.reset(tx, ref, batch.partition);
      stored.delete(batch.partition);
    }
    return unseenRecords(parts, stored);
  }

  async save(target: WriteTarget, ref: TopicRef, progressed: Map<number, bigint>): Promise<void> {
    await this.progress.save(target, ref, progressed, this.clock.now());
  }
}
