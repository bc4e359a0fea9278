import { applyStatusDecision, toShipmentState, type Transition, type Shipment } from '@app/clearance';
import type { ShipmentEvent } from '@app/contract';
import { inboundPosition, type InboundRecord } from '@app/messaging';
import { eventKey, positionKey, type ShipmentEventRow } from '@app/persistence';
import { type CompiledPolicy, decide, decideRejection, type LifecycleDecision } from '@app/policy';
import { BatchChanges } from './batch-changes';
import { type DeadLetterFailure, deadLetterOf, describeDeadLetter } from './dead-letters';
import { isDeclarationEvent, type ParsedRecord } from './parsed-record';
import type { RecordedBefore } from './recorded-before';

/** Everything deciding a batch needs besides its records; `current` is updated as the batch decides. */
export interface DecisionContext {
  policy: CompiledPolicy;
  now: Date;
  deadLetterTopic: string;
  /** The rows of the batch's shipments (locked by the caller). */
  current: Map<string, Shipment>;
  recorded: RecordedBefore;
  log: { warn(message: string): void; error(message: string, stack?: string): void };
}

/**
 * Pure (given its context): decides the records in partition order. A bad record becomes a dead
 * letter and, where its shipment is unknown or REJECTED, a REJECTED version; a valid one goes
 * through the lifecycle (libs/policy `decide`): a new version, "unchanged" (still logged), or
 * refused (dead-lettered). Duplicates (by source and id, or by inbound position for dead
 * letters) change nothing.
 */
export function decideRecords(records: ParsedRecord[], context: DecisionContext): BatchChanges {
  const changes = new BatchChanges(context.current);
  const { recorded } = context;
  /** A dead letter at most once per inbound position; false when the position was dead-lettered already. */
  const firstAtPosition = (record: InboundRecord): boolean => {
    const position = positionKey(inboundPosition(record));
    if (recorded.deadLetteredPositions.has(position)) return false;
    recorded.deadLetteredPositions.add(position);
    return true;
  };

  for (const one of records) {
    const { record, parsed } = one;
    if (!parsed.ok) {
      if (!firstAtPosition(record)) changes.outcome.duplicates++;
      else
        deadLetter(
          record,
          { kind: parsed.errorKind, issues: parsed.issues, shipmentId: parsed.shipmentId, eventId: parsed.eventId },
          changes,
          context,
        );
      continue;
    }
    const event = parsed.event;
    const key = eventKey(event);
    if (recorded.events.has(key)) {
      changes.outcome.duplicates++;
      continue;
    }
    recorded.events.add(key);
    const shipmentId = event.data.shipmentId;
    let decision: LifecycleDecision;
    try {
      const row = changes.current.get(shipmentId);
      decision = decide(row ? toShipmentState(row) : null, event, context.policy, context.now);
    } catch (error) {
      // A bug in the policy must not block the partition: the record is dead-lettered.
      context.log.error(`Deciding event ${event.id} failed: ${(error as Error).message}`, (error as Error).stack);
      const issues = [{ path: '$', message: `processing failed: ${(error as Error).message}` }];
      // Our fault, not the sender's: no REJECTED (it would tell the trade an internal error); an operator replays it once fixed.
      deadLetter(record, { kind: 'PROCESSING_FAILED', issues, shipmentId, eventId: event.id }, changes, context, { rejects: false });
      continue;
    }
    if (decision.kind === 'refused') {
      // Not accepted (e.g. a foreign source): dead-lettered; the shipment's history shows it.
      recorded.events.delete(key);
      if (!firstAtPosition(record)) changes.outcome.duplicates++;
      else
        deadLetter(
          record,
          { kind: decision.errorKind, issues: [{ path: 'source', message: decision.message }], shipmentId, eventId: event.id },
          changes,
          context,
        );
      continue;
    }
    changes.events.push(eventRow(record, event, decision, context.now));
    if (decision.kind === 'status') {
      const transition = applyStatusDecision({
        shipmentId,
        current: changes.current.get(shipmentId),
        decision,
        declaration: isDeclarationEvent(event) ? event.data : undefined,
        decidedBy: 'ENGINE',
        causationId: event.id,
        activeRulesetVersion: context.policy.rulesetVersion,
        at: context.now,
      });
      recordTransition(record, transition, changes);
      changes.outcome.applied++;
    } else {
      const shipment = changes.current.get(shipmentId);
      if (shipment && decision.arrivedAt && !shipment.arrivedAt) {
        changes.current.set(shipmentId, { ...shipment, arrivedAt: new Date(decision.arrivedAt), updatedAt: context.now });
        changes.touched.add(shipmentId);
      }
      changes.outcome.unchanged++;
    }
  }
  return changes;
}

/** The dead letter, its DLQ record and, while nobody has declared the shipment, its REJECTED version (unless `rejects` is false). */
function deadLetter(
  record: InboundRecord,
  failure: DeadLetterFailure,
  changes: BatchChanges,
  context: DecisionContext,
  { rejects = true } = {},
): void {
  changes.outcome.deadLettered++;
  const { row, message, issues } = deadLetterOf(record, failure, context.deadLetterTopic, context.now);
  changes.deadLetters.push(row);
  changes.outbox.push(message);
  context.log.warn(describeDeadLetter(record, failure, issues));
  const { shipmentId, eventId } = failure;
  if (!shipmentId || !rejects) return;
  if (eventId) {
    // A resent bad event is dead-lettered again but rejects nothing twice.
    if (context.recorded.rejectedEventIds.has(eventId)) return;
    context.recorded.rejectedEventIds.add(eventId);
  }
  const current = changes.current.get(shipmentId);
  const decision = decideRejection(current ? toShipmentState(current) : null, issues);
  if (decision.kind !== 'status') return;
  const transition = applyStatusDecision({
    shipmentId,
    current,
    decision,
    decidedBy: 'ENGINE',
    causationId: eventId,
    activeRulesetVersion: context.policy.rulesetVersion,
    at: context.now,
  });
  recordTransition(record, transition, changes);
}

function recordTransition(source: InboundRecord, transition: Transition, changes: BatchChanges): void {
  changes.current.set(transition.shipment.shipmentId, transition.shipment);
  changes.touched.add(transition.shipment.shipmentId);
  changes.transitions.push(transition);
  changes.decided.push({ recordTimestampMs: Number(source.timestamp), priority: transition.status.priority });
}

function eventRow(
  record: InboundRecord,
  event: ShipmentEvent,
  decision: Exclude<LifecycleDecision, { kind: 'refused' }>,
  now: Date,
): ShipmentEventRow {
  const source = inboundPosition(record);
  return {
    eventId: event.id,
    shipmentId: event.data.shipmentId,
    type: event.type,
    source: event.source,
    eventTime: event.time ? new Date(event.time) : null,
    receivedAt: now,
    kafkaPartition: source.partition,
    kafkaOffset: source.offset,
    outcome: decision.kind === 'status' ? 'APPLIED' : decision.code,
    envelope: event,
  };
}
