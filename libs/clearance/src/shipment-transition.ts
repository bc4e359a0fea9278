import { type ClearanceStatusData, type DecidedBy } from '@app/contract/clearance-status';
import { type Declaration } from '@app/contract/declaration';
import type { Decision, Shipment } from './shipment';
import { type HoldOrigin, type ShipmentState } from '@app/policy/types';
import { LIFECYCLE_RULE_ID, OWN_REASON_CODES, SERVICE_LEVEL_RULE_ID, type StatusDecision } from '@app/policy';

export interface Transition {
  shipment: Shipment;
  decision: Decision;
  status: ClearanceStatusData;
}

export function toShipmentState(row: Shipment): ShipmentState {
  return {
    shipmentId: row.shipmentId,
    status: row.status,
    priority: row.priority,
    coldChain: row.coldChain,
    version: row.version,
    amendment: row.amendment,
    arrivedAt: row.arrivedAt ? row.arrivedAt.toISOString() : null,
    hold: row.hold,
    ownerSource: row.ownerSource,
  };
}

/**
 * The next version of a shipment after a status decision: its new row, the decision record
 * (every reason) and the status event data (the reasons the trade may read). Pure: the caller
 * persists all three in one transaction.
 */
export function applyStatusDecision(args: {
  shipmentId: string;
  current: Shipment | undefined;
  decision: StatusDecision;
  /** The declaration now in force, when the event carried one. */
  declaration?: Declaration;
  decidedBy: DecidedBy;
  causationId: string | null;
  /** The active ruleset, recorded on lifecycle decisions that no rule of it made (arrivals, cancellations, rejections). */
  activeRulesetVersion: number;
  at: Date;
}): Transition {
  const { shipmentId, current, decidedBy, causationId, at } = args;
  const decision = { ...args.decision, rulesetVersion: args.decision.rulesetVersion ?? args.activeRulesetVersion };
  const version = (current?.version ?? 0) + 1;
  const declaration = decision.amendment === null ? null : (args.declaration ?? current?.declaration ?? null);
  const shipment: Shipment = {
    shipmentId,
    status: decision.status,
    priority: decision.priority,
    coldChain: decision.coldChain,
    version,
    amendment: decision.amendment,
    declaration,
    rulesetVersion: decision.rulesetVersion,
    arrivedAt: decision.arrivedAt ? new Date(decision.arrivedAt) : null,
    submittedAt: current?.submittedAt ?? (args.declaration ? at : null),
    releasedAt: decision.status === 'RELEASED' ? at : (current?.releasedAt ?? null),
    hold: decision.hold,
    ownerSource: decision.ownerSource,
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
  };
  const outcome = {
    shipmentId,
    version,
    status: decision.status,
    priority: decision.priority,
    coldChain: decision.coldChain,
    rulesetVersion: decision.rulesetVersion,
    decidedBy,
    causationId,
  };
  return {
    shipment,
    decision: { ...outcome, reasons: decision.reasons, decidedAt: at },
    status: { ...outcome, reasons: decision.publicReasons, decidedAt: at.toISOString() },
  };
}

/**
 * A status change decided outside the engine (an operator, or a watchlist hold): only the
 * status moves; priority, cold chain, declaration, arrival and ruleset stay as decided.
 * Pre-clearing a shipment that has already arrived releases it. The new status sticks (the
 * engine only makes it more severe) unless it is PRE_CLEARED or RELEASED, after which the engine
 * decides the shipment again as usual.
 */
export function applyManualStatusChange(args: {
  current: Shipment;
  status: ClearanceStatusData['status'];
  /** Customs' own reasons (an operator's written reason, a watchlist match). */
  reasons: ClearanceStatusData['reasons'];
  /** What the trade reads instead. */
  publicReasons: ClearanceStatusData['reasons'];
  /** Who set the status, for a status that sticks. */
  holdBy: HoldOrigin;
  decidedBy: DecidedBy;
  activeRulesetVersion: number;
  at: Date;
}): Transition {
  const { current } = args;
  const { priority, coldChain, amendment, arrivedAt, ownerSource } = toShipmentState(current);
  // PRE_CLEARED means "release on arrival": goods already at the border are released at once.
  const releaseNow = args.status === 'PRE_CLEARED' && arrivedAt !== null;
  const releasedOnArrival = {
    code: OWN_REASON_CODES.releasedOnArrival,
    ruleId: LIFECYCLE_RULE_ID,
    message: `Pre-cleared after its arrival at ${arrivedAt}: released at once.`,
  };
  const hold = args.status === 'PRE_CLEARED' || args.status === 'RELEASED' ? null : args.holdBy;
  return applyStatusDecision({
    shipmentId: current.shipmentId,
    current,
    decision: {
      kind: 'status',
      status: releaseNow ? 'RELEASED' : args.status,
      priority,
      coldChain,
      amendment,
      arrivedAt,
      rulesetVersion: current.rulesetVersion,
      reasons: releaseNow ? [...args.reasons, releasedOnArrival] : args.reasons,
      publicReasons: releaseNow ? [...args.publicReasons, releasedOnArrival] : args.publicReasons,
      hold,
      ownerSource,
    },
    decidedBy: args.decidedBy,
    causationId: null,
    activeRulesetVersion: args.activeRulesetVersion,
    at: args.at,
  });
}

/**
 * A delay notice (WTO TFA Art. 7.9): the next version of a shipment past its service level, with
 * nothing changed but the reason, which the trade reads too. The status, a hold and everything
 * decided stay as they are.
 */
export function applyDelayNotice(args: { current: Shipment; message: string; activeRulesetVersion: number; at: Date }): Transition {
  const { current } = args;
  const state = toShipmentState(current);
  const notice = [{ code: OWN_REASON_CODES.serviceLevelDelay, ruleId: SERVICE_LEVEL_RULE_ID, message: args.message }];
  return applyStatusDecision({
    shipmentId: current.shipmentId,
    current,
    decision: {
      kind: 'status',
      status: state.status,
      priority: state.priority,
      coldChain: state.coldChain,
      amendment: state.amendment,
      arrivedAt: state.arrivedAt,
      rulesetVersion: current.rulesetVersion,
      reasons: notice,
      publicReasons: notice,
      hold: state.hold,
      ownerSource: state.ownerSource,
    },
    decidedBy: 'ENGINE',
    causationId: null,
    activeRulesetVersion: args.activeRulesetVersion,
    at: args.at,
  });
}
