import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WatchlistKind } from '@app/policy/types';

/** Intelligence (e.g. a RILO alert): a party, manufacturer or origin country to hold. */
@Entity({ name: 'watchlist_entries' })
export class WatchlistEntryRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: WatchlistKind;

  @Column({ type: 'varchar', length: 200 })
  value: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 128 })
  author: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
