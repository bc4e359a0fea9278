import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ClearanceStatus } from '@app/contract/clearance-status';
import type { ExaminationOutcome } from '@app/policy/operators/examinations';

/** An officer's examination result for a shipment (docs/contract.md#operators). */
@Entity({ name: 'examinations' })
export class ExaminationRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'shipment_id', type: 'varchar', length: 64 })
  shipmentId: string;

  /** The shipment's status version when the result was recorded. */
  @Column({ name: 'shipment_version', type: 'integer' })
  shipmentVersion: number;

  @Column({ name: 'status_at_examination', type: 'varchar', length: 32 })
  statusAtExamination: ClearanceStatus;

  @Column({ type: 'varchar', length: 16 })
  outcome: ExaminationOutcome;

  @Column({ type: 'text' })
  findings: string;

  @Column({ name: 'temperature_controlled_facility', type: 'boolean' })
  temperatureControlledFacility: boolean;

  /** numeric: read back as a string by pg, mapped to a number by the repository. */
  @Column({ name: 'quantity_checked', type: 'numeric', nullable: true })
  quantityChecked: string | null;

  /** `apikey:<id>` of the officer. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 128 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
