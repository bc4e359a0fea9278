import { storableText, type ValidationIssue } from '@app/contract';
import { deadLetterMessage, inboundPosition, type InboundRecord, type OutgoingMessage } from '@app/messaging';
import type { NewDeadLetter } from './batch-changes';

/** Why a record is dead-lettered, and what it names when that can be read. */
export interface DeadLetterFailure {
  kind: string;
  issues: ValidationIssue[];
  shipmentId: string | null;
  eventId: string | null;
}

/**
 * Pure: the dead letter of a record (its row in `dead_letters`) and its record for the DLQ topic,
 * with the issues as they are stored (messages may quote the record, e.g. a JSON error: what
 * PostgreSQL cannot store is replaced, whatever the record held).
 */
export function deadLetterOf(
  record: InboundRecord,
  failure: DeadLetterFailure,
  deadLetterTopic: string,
  at: Date,
): { row: NewDeadLetter; message: OutgoingMessage; issues: ValidationIssue[] } {
  const issues = failure.issues.map((i) => ({ path: storableText(i.path), message: storableText(i.message) }));
  const source = inboundPosition(record);
  return {
    row: {
      sourceTopic: source.topic,
      kafkaPartition: source.partition,
      kafkaOffset: source.offset,
      messageKey: record.key,
      messageValue: record.value,
      headers: record.headers,
      errorKind: failure.kind,
      errors: issues,
      shipmentId: failure.shipmentId,
      eventId: failure.eventId,
      receivedAt: at,
    },
    message: deadLetterMessage(deadLetterTopic, record, { kind: failure.kind, issues }, at),
    issues,
  };
}

/** One log line naming the record, its kind, its shipment and its first issues. */
export function describeDeadLetter(record: InboundRecord, failure: DeadLetterFailure, issues: ValidationIssue[]): string {
  const source = inboundPosition(record);
  const shipment = failure.shipmentId ? `, shipment ${failure.shipmentId}` : '';
  const first = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  return `Dead-lettered ${source.topic}[${source.partition}]@${source.offset} (${failure.kind}${shipment}): ${first}`;
}
