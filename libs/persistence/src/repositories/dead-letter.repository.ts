import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeadLetterRow } from '../entities';

@Injectable()
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async appendMany(tx: EntityManager, rows: Omit<DeadLetterRow, 'id' | 'replayedAt' | 'replayCount'>[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.createQueryBuilder().insert().into(DeadLetterRow).values(rows).execute();
  }

  /** Newest first, strictly before the cursor (a dead-letter id) when one is given. */
  page(limit: number, beforeId?: string): Promise<DeadLetterRow[]> {
    const query = this.dataSource.getRepository(DeadLetterRow).createQueryBuilder('d').orderBy('d.id', 'DESC').limit(limit);
    if (beforeId) query.where('d.id < :beforeId', { beforeId });
    return query.getMany();
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
