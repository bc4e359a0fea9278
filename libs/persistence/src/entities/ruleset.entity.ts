import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RulesetDocument } from '@app/policy/types';

/** A version of the clearance policy; exactly one is active. */
@Entity({ name: 'rulesets' })
export class RulesetRow {
  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  document: RulesetDocument;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  /** The admin other than its author who approved the version (four eyes); `migration` for versions older than the rule. */
  @Column({ name: 'approved_by', type: 'varchar', length: 128, nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;
}
