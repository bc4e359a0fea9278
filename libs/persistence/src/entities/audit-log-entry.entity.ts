import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what, when, from where, to what: every change made through the admin API. */
@Entity({ name: 'audit_log' })
export class AuditLogEntryRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** `apikey:<id>` (or `bootstrap` for the start-up key). */
  @Column({ type: 'varchar', length: 128 })
  actor: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole: string | null;

  @Column({ name: 'remote_addr', type: 'varchar', length: 64, nullable: true })
  remoteAddr: string | null;

  /** e.g. `shipment.decide`, `ruleset.activate`, `watchlist.add`, `api-key.create`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 256, nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after: object | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
