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
  /**
   * The shipment was last sent to INSPECTION_REQUIRED and no result was recorded since it entered
   * that stretch, whatever its status now (officers' moves, e.g. to HELD, do not settle it; an engine
   * decision on a later event that lets the goods on without an inspection, e.g. an amendment
   * re-decided as DOCUMENT_CHECK, does).
   */
  inspectionOwed: boolean;
  /** A FALSIFIED or SEIZED result was ever recorded. */
  goodsStopped: boolean;
}

/** The statuses by which an officer lets goods go: RELEASED, or PRE_CLEARED (released on arrival). */
export const RELEASING_STATUSES: readonly ClearanceStatus[] = Object.freeze(['RELEASED', 'PRE_CLEARED']);

/** An officer's move as the examination gate sees it. */
export interface OperatorMove {
  from: ClearanceStatus;
  to: ClearanceStatus;
  /** The officer explicitly waives an inspection still owed (audited, counted as an override). */
  waiveInspection: boolean;
}

/** The examination gate's answer: the move goes ahead (waiving an owed inspection or not), or why it is refused. */
export type ExaminationGateVerdict = { allowed: true; inspectionWaived: boolean } | { allowed: false; problem: string };

/**
 * Whether an operator move the lifecycle allows is also allowed by the examinations. Falsified or
 * seized goods stay HELD, waiver or not. A release (RELEASED or PRE_CLEARED) while an inspection is
 * owed (the shipment was sent to INSPECTION_REQUIRED and no result was recorded since, also by way
 * of another status such as HELD) needs either a result or the officer's explicit waiver; a waiver
 * where no inspection is owed waives nothing and is refused, so that every recorded waiver is real.
 */
export function examinationGate(move: OperatorMove, facts: ExaminationFacts): ExaminationGateVerdict {
  const { from, to, waiveInspection } = move;
  if (from === 'HELD' && facts.goodsStopped) {
    return { allowed: false, problem: 'an examination found the goods falsified or seized: they stay HELD' };
  }
  const owedOnRelease = facts.inspectionOwed && RELEASING_STATUSES.includes(to);
  if (owedOnRelease && !waiveInspection) {
    const what =
      from === 'INSPECTION_REQUIRED'
        ? `INSPECTION_REQUIRED -> ${to} needs an examination result`
        : 'the shipment was sent to INSPECTION_REQUIRED and has no examination result since';
    return {
      allowed: false,
      problem: `${what}: record one first (POST .../examinations), or waive the inspection explicitly (waiveInspection: true, with the reason)`,
    };
  }
  if (waiveInspection && !owedOnRelease) {
    return {
      allowed: false,
      problem: 'waiveInspection: no inspection is owed, so there is nothing to waive: send the decision without it',
    };
  }
  return { allowed: true, inspectionWaived: waiveInspection };
}
