import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WatchlistEntryRow } from '../entities';

/** Watchlist entries; every change moves the policy revision (trigger), so the engine re-reads them. */
@Injectable()
export class WatchlistRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, expired entries included. */
  list(): Promise<WatchlistEntryRow[]> {
    return this.dataSource.getRepository(WatchlistEntryRow).find({ order: { createdAt: 'DESC', id: 'ASC' } });
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
