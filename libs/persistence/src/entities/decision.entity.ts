import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ClearanceStatus, Priority, Reason } from '@app/contract/clearance-status';

/** Every status a shipment has had, with every fired rule (one row per published version). */
@Entity({ name: 'decisions' })
@Index('decisions_shipment_version_uq', ['shipmentId', 'version'], { unique: true })
export class DecisionRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'shipment_id', type: 'varchar', length: 64 })
  shipmentId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 32 })
  status: ClearanceStatus;

  @Column({ type: 'varchar', length: 16 })
  priority: Priority;

  @Column({ name: 'cold_chain', type: 'boolean' })
  coldChain: boolean;

  @Column({ type: 'jsonb' })
  reasons: Reason[];

  @Column({ name: 'ruleset_version', type: 'integer', nullable: true })
  rulesetVersion: number | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 128 })
  decidedBy: string;

  @Column({ name: 'causation_id', type: 'varchar', length: 256, nullable: true })
  causationId: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;
}
