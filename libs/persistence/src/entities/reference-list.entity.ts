import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferenceListName } from '@app/policy/types';

/** An operator-managed reference list of the policy (HS codes, authorised manufacturers). */
@Entity({ name: 'reference_lists' })
export class ReferenceListRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: ReferenceListName;

  @Column({ type: 'jsonb' })
  entries: string[];

  @Column({ name: 'updated_by', type: 'varchar', length: 128 })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
