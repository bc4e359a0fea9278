import { ClearanceStatusData, DecidedBy } from '@app/contract/clearance-status';
import { Declaration } from '@app/contract/declaration';
import { DecisionRow, ShipmentRow } from '@app/persistence';
import { ShipmentState } from '@app/policy/types';
import type { LifecycleDecision } from '@app/policy';

type StatusDecision = Extract<LifecycleDecision, { kind: 'status' }>;

export interface Transition {
  shipment: ShipmentRow;
  decision: Omit<DecisionRow, 'id'>;
  status: ClearanceStatusData;
}

export function toShipmentState(row: ShipmentRow): ShipmentState {
  return {
    shipmentId: row.shipmentId,
    status: row.status,
    priority: row.priority,
    coldChain: row.coldChain,
    version: row.version,
    amendment: row.amendment,
    arrivedAt: row.arrivedAt ? row.arrivedAt.toISOString() : null,
  };
}

/**
 * The next version of a shipment after a status decision: its new row, the decision record
 * and the status event data. Pure: the caller persists all three in one transaction.
 */
export function applyStatusDecision(args: {
  shipmentId: string;
  current: ShipmentRow | undefined;
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
  const declaration =
    decision.amendment === null ? null : (args.declaration ?? current?.declaration ?? null);
  const shipment: ShipmentRow = {
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
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
  };
  const outcome = {
    shipmentId,
    version,
    status: decision.status,
    priority: decision.priority,
    coldChain: decision.coldChain,
    reasons: decision.reasons,
    rulesetVersion: decision.rulesetVersion,
    decidedBy,
    causationId,
  };
  return {
    shipment,
    decision: { ...outcome, decidedAt: at },
    status: { ...outcome, decidedAt: at.toISOString() },
  };
}

/**
 * A status change decided outside the engine (an operator, or a watchlist hold): only the
 * status moves; priority, cold chain, declaration, arrival and ruleset stay as decided.
 * Pre-clearing a shipment that has already arrived releases it.
 */
export function applyManualStatusChange(args: {
  current: ShipmentRow;
  status: ClearanceStatusData['status'];
  reasons: ClearanceStatusData['reasons'];
  decidedBy: DecidedBy;
  activeRulesetVersion: number;
  at: Date;
}): Transition {
  const { current } = args;
  const { priority, coldChain, amendment, arrivedAt } = toShipmentState(current);
  // PRE_CLEARED means "release on arrival": goods already at the border are released at once.
  const releaseNow = args.status === 'PRE_CLEARED' && arrivedAt !== null;
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
      reasons: releaseNow
        ? [
            ...args.reasons,
            { code: 'RELEASED_ON_ARRIVAL', ruleId: 'lifecycle', message: `Pre-cleared after its arrival at ${arrivedAt}: released at once.` },
          ]
        : args.reasons,
    },
    decidedBy: args.decidedBy,
    causationId: null,
    activeRulesetVersion: args.activeRulesetVersion,
    at: args.at,
  });
}
