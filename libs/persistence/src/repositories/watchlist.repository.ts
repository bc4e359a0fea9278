import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WatchlistEntryRow } from '../entities';

/** Watchlist entries; every change moves the policy revision (trigger), so the engine re-reads them. */
@Injectable()
export class WatchlistRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, expired entries included, after the entry `beforeId` when given. */
  page(limit: number, beforeId?: string): Promise<WatchlistEntryRow[]> {
    const query = this.dataSource
      .getRepository(WatchlistEntryRow)
      .createQueryBuilder('w')
      .orderBy('w.created_at', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .limit(limit);
    // Keyset on the stored row; an unknown (or deleted) entry yields an empty page.
    if (beforeId)
      query.where('(w.created_at, w.id) < (SELECT c.created_at, c.id FROM watchlist_entries c WHERE c.id = :beforeId)', { beforeId });
    return query.getMany();
  }

  findById(tx: EntityManager, id: string): Promise<WatchlistEntryRow | null> {
    return tx.getRepository(WatchlistEntryRow).findOneBy({ id });
  }

  async insert(tx: EntityManager, row: WatchlistEntryRow): Promise<void> {
    await tx.getRepository(WatchlistEntryRow).insert(row);
  }

  /** The removed entry, or null when there was none. */
  async remove(tx: EntityManager, id: string): Promise<WatchlistEntryRow | null> {
    const existing = await tx.getRepository(WatchlistEntryRow).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!existing) return null;
    await tx.getRepository(WatchlistEntryRow).delete({ id });
    return existing;
  }
}
