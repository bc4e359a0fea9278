import type { ClearanceStatus } from '@app/contract/clearance-status';
import { WORKLIST_STATUSES } from './worklist';

export const EXAMINATION_OUTCOMES = ['NO_FINDING', 'DISCREPANCY', 'FALSIFIED', 'SEIZED'] as const;
export type ExaminationOutcome = (typeof EXAMINATION_OUTCOMES)[number];

/** Statuses in which an officer examines goods: the open ones (docs/contract.md#operators). */
export const EXAMINABLE_STATUSES = WORKLIST_STATUSES;

/** Falsified or seized goods stay stopped: the examination holds the shipment, and no officer moves it out of HELD. */
export function examinationStopsGoods(outcome: ExaminationOutcome): boolean {
  return outcome === 'FALSIFIED' || outcome === 'SEIZED';
}

/** An examination found something (the numerator of a rule's hit rate). */
export function examinationFound(outcome: ExaminationOutcome): boolean {
  return outcome !== 'NO_FINDING';
}

/** What the examination record says about a shipment when an officer wants to move it. */
export interface ExaminationFacts {
  /** A result was recorded since the shipment last entered INSPECTION_REQUIRED. */
  examinedSinceInspectionRequired: boolean;
  /** A FALSIFIED or SEIZED result was ever recorded. */
  goodsStopped: boolean;
}

/**
 * Why an operator move the lifecycle allows is still refused because of the examinations, or
 * null: INSPECTION_REQUIRED -> RELEASED needs a recorded result; falsified or seized goods stay HELD.
 */
export function examinationGateProblem(from: ClearanceStatus, to: ClearanceStatus, facts: ExaminationFacts): string | null {
  if (from === 'HELD' && facts.goodsStopped) {
    return 'an examination found the goods falsified or seized: they stay HELD';
  }
  if (from === 'INSPECTION_REQUIRED' && to === 'RELEASED' && !facts.examinedSinceInspectionRequired) {
    return 'INSPECTION_REQUIRED -> RELEASED needs an examination result: record one first (POST .../examinations)';
  }
  return null;
}
