import { type Reason } from '@app/contract/clearance-status';

/**
 * The rule ids and reason codes of the backend's own reasons (docs/contract.md#reasons), written
 * only here: what no rule of a ruleset gives. Each rule kind's codes are in its module (rules/).
 */

/** The final-outcome reason when nothing fired above PRE_CLEARED. */
export const PRE_CLEARANCE_RULE_ID = 'pre-clearance';
/** The final-outcome reason of an outcome above PRE_CLEARED. */
export const SEVERITY_ORDER_RULE_ID = 'severity-order';
/** The reasons of a REJECTED status. */
export const VALIDATION_RULE_ID = 'validation';
/** The reasons the lifecycle itself gives (arrival, cancellation, a hold kept). */
export const LIFECYCLE_RULE_ID = 'lifecycle';
/** An operator's manual decision. */
export const OPERATOR_RULE_ID = 'operator';
/** The delay notice of a shipment past its service level (TFA Art. 7.9). */
export const SERVICE_LEVEL_RULE_ID = 'service-level';
/** The generic reason the trade reads in place of internal rules' reasons (docs/contract.md#disclosure). */
export const CUSTOMS_CONTROL_RULE_ID = 'customs-control';

/** Rule ids no rule of a ruleset may take: a reason must say truthfully where it came from. */
export const RESERVED_RULE_IDS = [
  PRE_CLEARANCE_RULE_ID,
  SEVERITY_ORDER_RULE_ID,
  VALIDATION_RULE_ID,
  LIFECYCLE_RULE_ID,
  OPERATOR_RULE_ID,
  SERVICE_LEVEL_RULE_ID,
  CUSTOMS_CONTROL_RULE_ID,
] as const;

/** Codes of the backend's own reasons. */
export const OWN_REASON_CODES = {
  noRiskFound: 'NO_RISK_FOUND',
  customsControl: 'CUSTOMS_CONTROL',
  holdKept: 'HOLD_KEPT',
  releasedOnArrival: 'RELEASED_ON_ARRIVAL',
  noPrearrivalDeclaration: 'NO_PREARRIVAL_DECLARATION',
  cancelledByDeclarant: 'CANCELLED_BY_DECLARANT',
  validationError: 'VALIDATION_ERROR',
  operatorDecision: 'OPERATOR_DECISION',
  inspectionWaived: 'INSPECTION_WAIVED',
  serviceLevelDelay: 'SERVICE_LEVEL_DELAY',
} as const;

/** The code of the final-outcome reason of an outcome above PRE_CLEARED, e.g. OUTCOME_HELD. */
export function outcomeReasonCode(status: string): string {
  return `OUTCOME_${status}`;
}

/** The one reason the trade reads in place of every internal rule's (docs/contract.md#disclosure). */
export const CUSTOMS_CONTROL_REASON: Reason = Object.freeze({
  code: OWN_REASON_CODES.customsControl,
  ruleId: CUSTOMS_CONTROL_RULE_ID,
  message: 'Selected for customs control',
});

/** Why a valid event changed nothing: its outcome in the shipment's event history (APPLIED otherwise). */
export const UNCHANGED_EVENT_CODES = {
  staleAmendment: 'STALE_AMENDMENT',
  finalStatus: 'FINAL_STATUS',
  arrivalRecorded: 'ARRIVAL_RECORDED',
  duplicateArrival: 'DUPLICATE_ARRIVAL',
  alreadyCancelled: 'ALREADY_CANCELLED',
  holdKept: OWN_REASON_CODES.holdKept,
} as const;
/** An invalid event for a declared shipment: dead-lettered, and it changes nothing else. */
export const INVALID_EVENT_RECORDED = 'INVALID_EVENT_RECORDED';
export type UnchangedCode = (typeof UNCHANGED_EVENT_CODES)[keyof typeof UNCHANGED_EVENT_CODES] | typeof INVALID_EVENT_RECORDED;
