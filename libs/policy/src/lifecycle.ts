import { CLEARANCE_STATUSES, ClearanceStatus, Priority, Reason } from '@app/contract/clearance-status';
import { Declaration } from '@app/contract/declaration';
import { ShipmentEvent } from '@app/contract/shipment-events';
import { CompiledPolicy } from './compile';
import { ShipmentState } from './types';

/** Rule id of the reasons the lifecycle itself gives (arrival, cancellation). */
export const LIFECYCLE_RULE_ID = 'lifecycle';
/** Rule id of the reasons of a REJECTED status. */
export const VALIDATION_RULE_ID = 'validation';

export type LifecycleDecision =
  | {
      kind: 'status';
      status: ClearanceStatus;
      priority: Priority;
      coldChain: boolean;
      reasons: Reason[];
      rulesetVersion: number | null;
      /** Amendment number of the declaration in force after this event; null when none. */
      amendment: number | null;
      arrivedAt: string | null;
    }
  | {
      kind: 'unchanged';
      /** STALE_AMENDMENT, FINAL_STATUS, ARRIVAL_RECORDED, DUPLICATE_ARRIVAL or ALREADY_CANCELLED. */
      code: string;
      message: string;
      /** Set when an arrival is recorded without a status change. */
      arrivedAt?: string | null;
    };

const FINAL: ReadonlySet<ClearanceStatus> = new Set<ClearanceStatus>(['RELEASED', 'CANCELLED']);

/** REJECTED forgets the declaration: the next valid event is decided as if it were the first. */
function isNew(state: ShipmentState | null): boolean {
  return state === null || state.status === 'REJECTED';
}

function assessDeclaration(state: ShipmentState | null, declaration: Declaration, policy: CompiledPolicy, now: Date): LifecycleDecision {
  const a = policy.assess(declaration, now);
  const arrivedAt = state?.arrivedAt ?? null;
  const base = {
    kind: 'status' as const,
    priority: a.priority,
    coldChain: a.coldChain,
    rulesetVersion: a.rulesetVersion,
    amendment: declaration.amendment,
    arrivedAt,
  };
  if (arrivedAt !== null && a.status === 'PRE_CLEARED') {
    return {
      ...base,
      status: 'RELEASED',
      reasons: [
        ...a.reasons,
        {
          code: 'RELEASED_ON_ARRIVAL',
          ruleId: LIFECYCLE_RULE_ID,
          message: `Pre-cleared goods already at the border (arrived ${arrivedAt}): released.`,
        },
      ],
    };
  }
  return { ...base, status: a.status, reasons: a.reasons };
}

/**
 * The next step of a shipment's life for one valid event. Pure: `state` is what is recorded for
 * the shipment (null when unknown), `now` the decision time (watchlist expiry).
 */
export function decide(state: ShipmentState | null, event: ShipmentEvent, policy: CompiledPolicy, now: Date): LifecycleDecision {
  switch (event.type) {
    case 'customs.prearrival.submitted':
    case 'customs.prearrival.amended': {
      const declaration = event.data;
      if (isNew(state) || state === null) return assessDeclaration(state, declaration, policy, now);
      if (FINAL.has(state.status)) {
        return {
          kind: 'unchanged',
          code: 'FINAL_STATUS',
          message: `Shipment is ${state.status}: a declaration (amendment ${declaration.amendment}) no longer changes its status.`,
        };
      }
      if (state.amendment !== null && declaration.amendment <= state.amendment) {
        return {
          kind: 'unchanged',
          code: 'STALE_AMENDMENT',
          message: `Amendment ${declaration.amendment} is not newer than amendment ${state.amendment} in force: ignored.`,
        };
      }
      return assessDeclaration(state, declaration, policy, now);
    }

    case 'customs.shipment.arrived': {
      const arrivedAt = event.data.arrivedAt;
      if (isNew(state) || state === null) {
        const recorded = state?.arrivedAt ?? arrivedAt;
        return {
          kind: 'status',
          status: 'DOCUMENT_CHECK',
          priority: 'STANDARD',
          coldChain: false,
          reasons: [
            {
              code: 'NO_PREARRIVAL_DECLARATION',
              ruleId: LIFECYCLE_RULE_ID,
              message: `Arrived at ${event.data.entryLocation} on ${arrivedAt} without a valid pre-arrival declaration: documents must be checked.`,
            },
          ],
          rulesetVersion: null,
          amendment: null,
          arrivedAt: recorded,
        };
      }
      if (state.arrivedAt !== null) {
        return {
          kind: 'unchanged',
          code: 'DUPLICATE_ARRIVAL',
          message: `Arrival already recorded at ${state.arrivedAt}; this one (${arrivedAt}) changes nothing.`,
        };
      }
      if (state.status === 'PRE_CLEARED') {
        return {
          kind: 'status',
          status: 'RELEASED',
          priority: state.priority,
          coldChain: state.coldChain,
          reasons: [
            {
              code: 'RELEASED_ON_ARRIVAL',
              ruleId: LIFECYCLE_RULE_ID,
              message: `Pre-cleared shipment arrived at ${event.data.entryLocation} on ${arrivedAt}: released.`,
            },
          ],
          rulesetVersion: null,
          amendment: state.amendment,
          arrivedAt,
        };
      }
      return {
        kind: 'unchanged',
        code: 'ARRIVAL_RECORDED',
        message: `Arrived at ${event.data.entryLocation} on ${arrivedAt}; status stays ${state.status}.`,
        arrivedAt,
      };
    }

    case 'customs.prearrival.cancelled': {
      if (state !== null && state.status === 'RELEASED') {
        return { kind: 'unchanged', code: 'FINAL_STATUS', message: 'Shipment already RELEASED: the cancellation is recorded and ignored.' };
      }
      if (state !== null && state.status === 'CANCELLED') {
        return { kind: 'unchanged', code: 'ALREADY_CANCELLED', message: 'Shipment already CANCELLED.' };
      }
      const known = isNew(state) ? null : state;
      return {
        kind: 'status',
        status: 'CANCELLED',
        priority: known?.priority ?? 'STANDARD',
        coldChain: known?.coldChain ?? false,
        reasons: [
          {
            code: 'CANCELLED_BY_DECLARANT',
            ruleId: LIFECYCLE_RULE_ID,
            message: `Pre-arrival declaration cancelled by the declarant: ${event.data.reason}`,
          },
        ],
        rulesetVersion: null,
        amendment: known?.amendment ?? null,
        arrivedAt: state?.arrivedAt ?? null,
      };
    }
  }
}

/** The decision for an invalid event whose shipmentId could be read. */
export function decideRejection(state: ShipmentState | null, issues: { path: string; message: string }[]): LifecycleDecision {
  if (state !== null && FINAL.has(state.status)) {
    return {
      kind: 'unchanged',
      code: 'FINAL_STATUS',
      message: `Shipment is ${state.status}: the invalid event is dead-lettered and the final status kept.`,
    };
  }
  const reasons: Reason[] =
    issues.length > 0
      ? issues.map((i) => ({ code: 'VALIDATION_ERROR', ruleId: VALIDATION_RULE_ID, message: i.path ? `${i.path}: ${i.message}` : i.message }))
      : [{ code: 'VALIDATION_ERROR', ruleId: VALIDATION_RULE_ID, message: 'The event is invalid.' }];
  return {
    kind: 'status',
    status: 'REJECTED',
    priority: state?.priority ?? 'STANDARD',
    coldChain: state?.coldChain ?? false,
    reasons,
    rulesetVersion: null,
    amendment: null,
    arrivedAt: state?.arrivedAt ?? null,
  };
}

/** Manual decisions operators may take (SPEC.md "Lifecycle"). */
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
