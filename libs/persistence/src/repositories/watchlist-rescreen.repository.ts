import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { WatchlistRescreenRow } from '../entities';

export type NewWatchlistRescreen = Pick<
  WatchlistRescreenRow,
  'entryId' | 'actor' | 'actorKeyId' | 'actorRole' | 'remoteAddr' | 'startedAt'
>;

export interface RescreenProgress {
  afterShipmentId: string | null;
  held: number;
  at: Date;
  finished: boolean;
}

/** The progress of watchlist re-screenings: written chunk by chunk, so a restart resumes where one stopped. */
@Injectable()
export class WatchlistRescreenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** In the transaction that adds the entry: its re-screening is owed from then on. */
  async start(tx: EntityManager, rescreen: NewWatchlistRescreen): Promise<void> {
    await tx
      .getRepository(WatchlistRescreenRow)
      .insert({ ...rescreen, afterShipmentId: null, held: 0, updatedAt: rescreen.startedAt, finishedAt: null });
  }

  /**
   * The unfinished re-screening of an entry, locked until the transaction ends (one chunk at a
   * time per entry, whoever runs it); null once finished or when the entry was deleted.
   */
  lockUnfinished(tx: EntityManager, entryId: string): Promise<WatchlistRescreenRow | null> {
    return tx
      .getRepository(WatchlistRescreenRow)
      .findOne({ where: { entryId, finishedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
  }

  async advance(tx: EntityManager, entryId: string, progress: RescreenProgress): Promise<void> {
    await tx.getRepository(WatchlistRescreenRow).update(
      { entryId },
      {
        afterShipmentId: progress.afterShipmentId,
        held: progress.held,
        updatedAt: progress.at,
        finishedAt: progress.finished ? progress.at : null,
      },
    );
  }

  findByEntryIds(entryIds: string[]): Promise<WatchlistRescreenRow[]> {
    if (entryIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(WatchlistRescreenRow).findBy({ entryId: In(entryIds) });
  }

  /** Entries whose re-screening stopped before the end and has not moved since `before` (its runner is gone). */
  async stalled(before: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource.getRepository(WatchlistRescreenRow).find({
      select: { entryId: true },
      where: { finishedAt: IsNull(), updatedAt: LessThan(before) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.entryId);
  }
}
