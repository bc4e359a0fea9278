import { CLEARANCE_STATUSES, type ClearanceStatus, type Priority, type Reason } from '@app/contract/clearance-status';
import { type Declaration } from '@app/contract/declaration';
import { type ShipmentEvent } from '@app/contract/shipment-events';
import { type CompiledPolicy } from './compile';
import {
  INVALID_EVENT_RECORDED,
  LIFECYCLE_RULE_ID,
  OWN_REASON_CODES,
  PRE_CLEARANCE_RULE_ID,
  SEVERITY_ORDER_RULE_ID,
  UNCHANGED_EVENT_CODES,
  type UnchangedCode,
  VALIDATION_RULE_ID,
} from './own-reasons';
import { type HoldOrigin, OUTCOME_SEVERITY, type ShipmentState } from './types';

/** A status change decided for one event. */
export interface StatusDecision {
  kind: 'status';
  status: ClearanceStatus;
  priority: Priority;
  coldChain: boolean;
  /** Every reason, customs' own view (decisions, admin API). */
  reasons: Reason[];
  /** What the trade reads on the status topic (docs/contract.md#disclosure). */
  publicReasons: Reason[];
  rulesetVersion: number | null;
  /** Amendment number of the declaration in force after this event; null when none. */
  amendment: number | null;
  arrivedAt: string | null;
  /** Set when the status sticks (an operator's or a watchlist match's). */
  hold: HoldOrigin | null;
  /** The source that owns the shipment after this event (its first accepted declaration's). */
  ownerSource: string | null;
}

export type LifecycleDecision =
  | StatusDecision
  | {
      kind: 'unchanged';
      code: UnchangedCode;
      message: string;
      /** Set when an arrival is recorded without a status change. */
      arrivedAt?: string | null;
    }
  | {
      /** The event is not accepted: dead-lettered with this error kind, the shipment unchanged. */
      kind: 'refused';
      errorKind: 'SOURCE_MISMATCH';
      message: string;
    };

const FINAL: ReadonlySet<ClearanceStatus> = new Set<ClearanceStatus>(['RELEASED', 'CANCELLED']);
const severity = (status: ClearanceStatus) => (OUTCOME_SEVERITY as readonly ClearanceStatus[]).indexOf(status);

/** Reasons the lifecycle gives are public: the trade reads them as they are. */
function lifecycleDecision(d: Omit<StatusDecision, 'kind' | 'publicReasons'>): StatusDecision {
  return { kind: 'status', ...d, publicReasons: d.reasons };
}

/**
 * Nobody has declared the shipment yet: unknown, REJECTED (which forgets the declaration), or
 * cancelled before any declaration was accepted. The next valid event is decided as if it were
 * the first, from any source.
 */
function isNew(state: ShipmentState | null): boolean {
  return state === null || state.status === 'REJECTED' || (state.status === 'CANCELLED' && state.amendment === null);
}

function refusedSource(state: ShipmentState, event: ShipmentEvent): LifecycleDecision {
  return {
    kind: 'refused',
    errorKind: 'SOURCE_MISMATCH',
    message: `${event.type} from source ${event.source} refused: shipment ${state.shipmentId} was declared by another source, which alone may amend or cancel it`,
  };
}

function assessDeclaration(
  state: ShipmentState | null,
  declaration: Declaration,
  source: string,
  policy: CompiledPolicy,
  now: Date,
): LifecycleDecision {
  const a = policy.assess(declaration, now);
  const arrivedAt = state?.arrivedAt ?? null;
  const base = {
    kind: 'status' as const,
    priority: a.priority,
    coldChain: a.coldChain,
    rulesetVersion: a.rulesetVersion,
    amendment: declaration.amendment,
    arrivedAt,
    ownerSource: state?.ownerSource ?? source,
  };
  const hold = state?.hold ?? null;
  if (hold !== null && state !== null && severity(a.status) <= severity(state.status)) {
    // The status customs set stays: the amendment is recorded and assessed, its outcome does not lower it.
    const kept: Reason = {
      code: OWN_REASON_CODES.holdKept,
      ruleId: LIFECYCLE_RULE_ID,
      message: `${state.status} set by customs stays until an officer moves the shipment; this declaration alone would be ${a.status}.`,
    };
    const keptForTheTrade: Reason = { ...kept, message: `${state.status} set by customs stays until an officer moves the shipment.` };
    const withoutOutcome = (reasons: Reason[]) =>
      reasons.filter((r) => r.ruleId !== SEVERITY_ORDER_RULE_ID && r.ruleId !== PRE_CLEARANCE_RULE_ID);
    return {
      ...base,
      status: state.status,
      hold,
      reasons: [...withoutOutcome(a.reasons), kept],
      publicReasons: [...withoutOutcome(a.publicReasons), keptForTheTrade],
    };
  }
  const newHold: HoldOrigin | null = a.watchlistHold ? 'WATCHLIST' : hold;
  if (arrivedAt !== null && a.status === 'PRE_CLEARED') {
    const released: Reason = {
      code: OWN_REASON_CODES.releasedOnArrival,
      ruleId: LIFECYCLE_RULE_ID,
      message: `Pre-cleared goods already at the border (arrived ${arrivedAt}): released.`,
    };
    return { ...base, status: 'RELEASED', hold: null, reasons: [...a.reasons, released], publicReasons: [...a.publicReasons, released] };
  }
  return { ...base, status: a.status, hold: newHold, reasons: a.reasons, publicReasons: a.publicReasons };
}

/**
 * The next step of a shipment's life for one valid event. Pure: `state` is what is recorded for
 * the shipment (null when unknown), `now` the decision time (watchlist expiry).
 */
export function decide(state: ShipmentState | null, event: ShipmentEvent, policy: CompiledPolicy, now: Date): LifecycleDecision {
  const owned = state !== null && !isNew(state) && state.ownerSource !== null;
  switch (event.type) {
    case 'customs.prearrival.submitted':
    case 'customs.prearrival.amended': {
      const declaration = event.data;
      if (isNew(state) || state === null) {
        // Decided as the first declaration: only a recorded arrival carries over.
        return assessDeclaration(
          state === null ? null : { ...state, hold: null, ownerSource: null },
          declaration,
          event.source,
          policy,
          now,
        );
      }
      if (owned && event.source !== state.ownerSource) return refusedSource(state, event);
      if (FINAL.has(state.status)) {
        return {
          kind: 'unchanged',
          code: UNCHANGED_EVENT_CODES.finalStatus,
          message: `Shipment is ${state.status}: a declaration (amendment ${declaration.amendment}) no longer changes its status.`,
        };
      }
      if (state.amendment !== null && declaration.amendment <= state.amendment) {
        return {
          kind: 'unchanged',
          code: UNCHANGED_EVENT_CODES.staleAmendment,
          message: `Amendment ${declaration.amendment} is not newer than amendment ${state.amendment} in force: ignored.`,
        };
      }
      return assessDeclaration(state, declaration, event.source, policy, now);
    }

    case 'customs.shipment.arrived': {
      const arrivedAt = event.data.arrivedAt;
      if (isNew(state) || state === null) {
        // Undeclared goods must still be checked, whoever reports them.
        return lifecycleDecision({
          status: 'DOCUMENT_CHECK',
          priority: 'STANDARD',
          coldChain: false,
          reasons: [
            {
              code: OWN_REASON_CODES.noPrearrivalDeclaration,
              ruleId: LIFECYCLE_RULE_ID,
              message: `Arrived at ${event.data.entryLocation} on ${arrivedAt} without a valid pre-arrival declaration: documents must be checked.`,
            },
          ],
          rulesetVersion: null,
          amendment: null,
          arrivedAt: state?.arrivedAt ?? arrivedAt,
          hold: null,
          ownerSource: null,
        });
      }
      if (owned && event.source !== state.ownerSource && !policy.arrivalSources.has(event.source)) return refusedSource(state, event);
      if (state.arrivedAt !== null) {
        return {
          kind: 'unchanged',
          code: UNCHANGED_EVENT_CODES.duplicateArrival,
          message: `Arrival already recorded at ${state.arrivedAt}; this one (${arrivedAt}) changes nothing.`,
        };
      }
      if (state.status === 'PRE_CLEARED') {
        return lifecycleDecision({
          status: 'RELEASED',
          priority: state.priority,
          coldChain: state.coldChain,
          reasons: [
            {
              code: OWN_REASON_CODES.releasedOnArrival,
              ruleId: LIFECYCLE_RULE_ID,
              message: `Pre-cleared shipment arrived at ${event.data.entryLocation} on ${arrivedAt}: released.`,
            },
          ],
          rulesetVersion: null,
          amendment: state.amendment,
          arrivedAt,
          hold: null,
          ownerSource: state.ownerSource,
        });
      }
      return {
        kind: 'unchanged',
        code: UNCHANGED_EVENT_CODES.arrivalRecorded,
        message: `Arrived at ${event.data.entryLocation} on ${arrivedAt}; status stays ${state.status}.`,
        arrivedAt,
      };
    }

    case 'customs.prearrival.cancelled': {
      if (owned && event.source !== state.ownerSource) return refusedSource(state, event);
      // Cancelled already (declared or not): a repeat changes nothing.
      if (state?.status === 'CANCELLED')
        return { kind: 'unchanged', code: UNCHANGED_EVENT_CODES.alreadyCancelled, message: 'Shipment already CANCELLED.' };
      if (state !== null && !isNew(state)) {
        if (state.status === 'RELEASED') {
          return {
            kind: 'unchanged',
            code: UNCHANGED_EVENT_CODES.finalStatus,
            message: 'Shipment already RELEASED: the cancellation is recorded and ignored.',
          };
        }
        if (state.hold !== null) {
          // Goods customs has stopped cannot be withdrawn by cancelling the declaration (UCC Art. 174).
          return {
            kind: 'unchanged',
            code: UNCHANGED_EVENT_CODES.holdKept,
            message: `Cancellation recorded; the shipment stays ${state.status}, set by customs, until an officer moves it.`,
          };
        }
      }
      const known = isNew(state) ? null : state;
      return lifecycleDecision({
        status: 'CANCELLED',
        priority: known?.priority ?? 'STANDARD',
        coldChain: known?.coldChain ?? false,
        reasons: [
          {
            code: OWN_REASON_CODES.cancelledByDeclarant,
            ruleId: LIFECYCLE_RULE_ID,
            message: `Pre-arrival declaration cancelled by the declarant: ${event.data.reason}`,
          },
        ],
        rulesetVersion: null,
        amendment: known?.amendment ?? null,
        arrivedAt: state?.arrivedAt ?? null,
        hold: null,
        ownerSource: known?.ownerSource ?? null,
      });
    }
  }
}

/**
 * The decision for an invalid event whose shipmentId could be read: REJECTED only while nobody
 * has declared the shipment (unknown, or REJECTED). A bad event never undoes a valid filing, an
 * arrival or a final status: it is dead-lettered and shows in the shipment's history.
 */
export function decideRejection(state: ShipmentState | null, issues: { path: string; message: string }[]): LifecycleDecision {
  if (state !== null && state.status !== 'REJECTED') {
    return {
      kind: 'unchanged',
      code: INVALID_EVENT_RECORDED,
      message: `Shipment is ${state.status}: the invalid event is dead-lettered and changes nothing.`,
    };
  }
  const reasons: Reason[] =
    issues.length > 0
      ? issues.map((i) => ({
          code: OWN_REASON_CODES.validationError,
          ruleId: VALIDATION_RULE_ID,
          message: i.path ? `${i.path}: ${i.message}` : i.message,
        }))
      : [{ code: OWN_REASON_CODES.validationError, ruleId: VALIDATION_RULE_ID, message: 'The event is invalid.' }];
  return lifecycleDecision({
    status: 'REJECTED',
    priority: state?.priority ?? 'STANDARD',
    coldChain: state?.coldChain ?? false,
    reasons,
    rulesetVersion: null,
    amendment: null,
    arrivedAt: state?.arrivedAt ?? null,
    hold: null,
    ownerSource: null,
  });
}

/** Manual decisions operators may take (docs/contract.md#operator-moves). */
export const OPERATOR_MOVES: Readonly<Record<ClearanceStatus, readonly ClearanceStatus[]>> = Object.freeze({
  PRE_CLEARED: Object.freeze(['DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD'] as ClearanceStatus[]),
  DOCUMENT_CHECK: Object.freeze(['PRE_CLEARED', 'RELEASED', 'INSPECTION_REQUIRED', 'HELD'] as ClearanceStatus[]),
  INSPECTION_REQUIRED: Object.freeze(['RELEASED', 'HELD'] as ClearanceStatus[]),
  HELD: Object.freeze(['INSPECTION_REQUIRED', 'RELEASED'] as ClearanceStatus[]),
  RELEASED: Object.freeze([] as ClearanceStatus[]),
  CANCELLED: Object.freeze([] as ClearanceStatus[]),
  REJECTED: Object.freeze([] as ClearanceStatus[]),
});

export function canOperatorMove(from: ClearanceStatus, to: ClearanceStatus): boolean {
  return (CLEARANCE_STATUSES as readonly string[]).includes(from) && OPERATOR_MOVES[from].includes(to);
}
