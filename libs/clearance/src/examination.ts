import type { ClearanceStatus } from '@app/contract/clearance-status';
import type { ExaminationOutcome } from '@app/policy/operators/examinations';

/** An officer's examination result (docs/contract.md#operators). */
export interface Examination {
  id: string;
  shipmentId: string;
  /** The shipment's status version when it was recorded. */
  shipmentVersion: number;
  statusAtExamination: ClearanceStatus;
  outcome: ExaminationOutcome;
  findings: string;
  temperatureControlledFacility: boolean;
  quantityChecked: number | null;
  /** `apikey:<id>` of the officer. */
  recordedBy: string;
  recordedAt: Date;
}

export type NewExamination = Omit<Examination, 'id'>;
