import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeadLetterRow } from '../entities';

/**
 * A listed dead letter: `messageKey` / `messageValue` are null when the record had none or when
 * they were too long to list (their sizes tell which).
 */
export type DeadLetterListRow = Omit<DeadLetterRow, 'messageKey' | 'messageValue'> & {
  messageKey: Buffer | null;
  messageValue: Buffer | null;
  /** The length of the key / value in bytes; null when the record had none. */
  keyBytes: number | null;
  valueBytes: number | null;
};

@Injectable()
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async appendMany(tx: EntityManager, rows: Omit<DeadLetterRow, 'id' | 'replayedAt' | 'replayCount'>[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.createQueryBuilder().insert().into(DeadLetterRow).values(rows).execute();
  }

  /**
   * Newest first, strictly before the cursor (a dead-letter id) when one is given. A key or value
   * (up to the size a record may have) is read only when it is at most `maxBytes` long.
   */
  async page(limit: number, beforeId: string | undefined, maxBytes: { key: number; value: number }): Promise<DeadLetterListRow[]> {
    const withoutBytes = this.dataSource
      .getMetadata(DeadLetterRow)
      .columns.filter((column) => column.propertyName !== 'messageKey' && column.propertyName !== 'messageValue')
      .map((column) => `d.${column.propertyName}`);
    const query = this.dataSource
      .getRepository(DeadLetterRow)
      .createQueryBuilder('d')
      .select(withoutBytes)
      .addSelect('length(d.message_key)', 'key_bytes')
      .addSelect('CASE WHEN length(d.message_key) <= :maxKeyBytes THEN d.message_key END', 'small_key')
      .addSelect('length(d.message_value)', 'value_bytes')
      .addSelect('CASE WHEN length(d.message_value) <= :maxValueBytes THEN d.message_value END', 'small_value')
      .setParameters({ maxKeyBytes: maxBytes.key, maxValueBytes: maxBytes.value })
      .orderBy('d.id', 'DESC')
      .limit(limit);
    if (beforeId) query.where('d.id < :beforeId', { beforeId });
    const { entities, raw } = await query.getRawAndEntities<{
      d_id: string;
      key_bytes: number | null;
      small_key: Buffer | null;
      value_bytes: number | null;
      small_value: Buffer | null;
    }>();
    const extras = new Map(raw.map((r) => [String(r.d_id), r]));
    return entities.map((row) => {
      const extra = extras.get(row.id)!;
      return {
        ...row,
        messageKey: extra.small_key,
        keyBytes: extra.key_bytes,
        messageValue: extra.small_value,
        valueBytes: extra.value_bytes,
      };
    });
  }

  /** Which of these event ids were dead-lettered already (a resent bad event changes nothing more). */
  /**
   * Which of these inbound positions (topic, partition, offset) were dead-lettered already, as
   * `topic\u0000partition\u0000offset` keys: a record forwarded twice by the triage is one record.
   */
  async findDeadLetteredPositions(
    tx: EntityManager,
    positions: { topic: string; partition: number; offset: string }[],
  ): Promise<Set<string>> {
    if (positions.length === 0) return new Set();
    const rows: { source_topic: string; kafka_partition: number; kafka_offset: string }[] = await tx.query(
      `SELECT DISTINCT d.source_topic, d.kafka_partition, d.kafka_offset
       FROM dead_letters d
       JOIN unnest($1::text[], $2::int[], $3::bigint[]) AS p(topic, partition, kafka_offset)
         ON d.source_topic = p.topic AND d.kafka_partition = p.partition AND d.kafka_offset = p.kafka_offset`,
      [positions.map((p) => p.topic), positions.map((p) => p.partition), positions.map((p) => p.offset)],
    );
    return new Set(rows.map((r) => positionKey({ topic: r.source_topic, partition: r.kafka_partition, offset: String(r.kafka_offset) })));
  }

  async findDeadLetteredEventIds(tx: EntityManager, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: { event_id: string }[] = await tx.query('SELECT DISTINCT event_id FROM dead_letters WHERE event_id = ANY($1)', [eventIds]);
    return new Set(rows.map((r) => r.event_id));
  }

  /** With its whole value. */
  findById(id: string): Promise<DeadLetterRow | null> {
    return this.dataSource.getRepository(DeadLetterRow).findOneBy({ id });
  }

  /**
   * Counts one more replay and returns the row as it stands afterwards (locked until the
   * transaction ends), or null when there is no such dead letter. The increment is done by
   * the database, so concurrent replays each count.
   */
  async markReplayed(tx: EntityManager, id: string, at: Date): Promise<DeadLetterRow | null> {
    const result = await tx
      .createQueryBuilder()
      .update(DeadLetterRow)
      .set({ replayedAt: at, replayCount: () => 'replay_count + 1' })
      .where('id = :id', { id })
      .execute();
    if (!result.affected) return null;
    return tx.getRepository(DeadLetterRow).findOneBy({ id });
  }
}

/** The key of an inbound position in the set findDeadLetteredPositions returns. */
export function positionKey(position: { topic: string; partition: number; offset: string }): string {
  return `${position.topic}\u0000${position.partition}\u0000${position.offset}`;
}
