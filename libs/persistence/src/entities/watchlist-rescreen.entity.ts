import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The progress of one new watchlist entry's re-screening of open shipments, chunk by chunk. */
@Entity({ name: 'watchlist_rescreens' })
export class WatchlistRescreenRow {
  @PrimaryColumn({ name: 'entry_id', type: 'uuid' })
  entryId: string;

  /** Who added the entry: the holds are theirs (decidedBy, audit log). */
  @Column({ type: 'varchar', length: 128 })
  actor: string;

  @Column({ name: 'actor_key_id', type: 'uuid' })
  actorKeyId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ name: 'remote_addr', type: 'varchar', length: 64, nullable: true })
  remoteAddr: string | null;

  /** Shipments up to this id (in id order) are screened; null before the first chunk. */
  @Column({ name: 'after_shipment_id', type: 'varchar', length: 64, nullable: true })
  afterShipmentId: string | null;

  /** Shipments held so far. */
  @Column({ type: 'integer' })
  held: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
