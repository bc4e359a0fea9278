import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Declaration } from '@app/contract/declaration';
import type { ClearanceStatus, Priority } from '@app/contract/clearance-status';
import type { HoldOrigin } from '@app/policy/types';

/** The current state of one shipment (one row per shipmentId). */
@Entity({ name: 'shipments' })
@Index('shipments_status_idx', ['status', 'updatedAt'])
export class ShipmentRow {
  @PrimaryColumn({ name: 'shipment_id', type: 'varchar', length: 64 })
  shipmentId: string;

  @Column({ type: 'varchar', length: 32 })
  status: ClearanceStatus;

  @Column({ type: 'varchar', length: 16 })
  priority: Priority;

  @Column({ name: 'cold_chain', type: 'boolean' })
  coldChain: boolean;

  /** Version of the last status published for this shipment. */
  @Column({ type: 'integer' })
  version: number;

  /** Amendment number of the declaration in force; null when none was accepted. */
  @Column({ type: 'integer', nullable: true })
  amendment: number | null;

  @Column({ type: 'jsonb', nullable: true })
  declaration: Declaration | null;

  @Column({ name: 'ruleset_version', type: 'integer', nullable: true })
  rulesetVersion: number | null;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  /** When the first pre-arrival declaration was received (start of the release-time clock). */
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  /** Set while the status is an operator's or a watchlist match's, which the engine only makes more severe. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  hold: HoldOrigin | null;

  /** CloudEvents source of the first accepted declaration: the only source that may amend or cancel it. */
  @Column({ name: 'owner_source', type: 'varchar', length: 256, nullable: true })
  ownerSource: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
