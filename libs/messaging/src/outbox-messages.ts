import { CLEARANCE_STATUS_EVENT_TYPE, type ClearanceStatusData, type ClearanceStatusEvent } from '@app/contract/clearance-status';
import { type InboundRecord, inboundPosition } from './inbound-batch';

/** A Kafka record to publish through the outbox. */
export interface OutgoingMessage {
  topic: string;
  messageKey: Buffer | null;
  messageValue: Buffer | null;
  headers: Record<string, string>;
  /** Kafka timestamp (ms since the epoch) to keep, e.g. the inbound one of a record forwarded to a lane; else the send time. */
  timestamp?: string;
}

export const STATUS_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/**
 * Header of a status record listing the identifiers of the parties the shipment names, as a JSON
 * array of `{ role, id }` (roles consignor, consignee, declarant, carrier), so a logistics firm can
 * pick its own shipments without parsing every value. JSON, so no value can break out of its
 * field; names are not sent.
 */
export const PARTY_IDS_HEADER = 'party-ids';

export interface PartyRef {
  role: 'consignor' | 'consignee' | 'declarant' | 'carrier';
  id: string;
}

/** Headers of a dead-lettered record: why it was rejected and where it came from. */
export const DLQ_HEADERS = {
  errorKind: 'dlq.error.kind',
  errorMessage: 'dlq.error.message',
  errors: 'dlq.errors',
  sourceTopic: 'dlq.source.topic',
  sourcePartition: 'dlq.source.partition',
  sourceOffset: 'dlq.source.offset',
  failedAt: 'dlq.failed.at',
} as const;

const MAX_ERRORS_HEADER_BYTES = 8 * 1024;

/** The `customs.clearance.status` CloudEvent; its id is stable per version so a redelivery is recognisable. */
export function clearanceStatusEvent(data: ClearanceStatusData, source: string): ClearanceStatusEvent {
  return {
    specversion: '1.0',
    id: `${data.shipmentId}:v${data.version}`,
    source,
    type: CLEARANCE_STATUS_EVENT_TYPE,
    time: data.decidedAt,
    subject: data.shipmentId,
    datacontenttype: 'application/json',
    data,
  };
}

export function statusMessage(topic: string, data: ClearanceStatusData, source: string, parties: PartyRef[] = []): OutgoingMessage {
  const headers: Record<string, string> = { 'content-type': STATUS_CONTENT_TYPE };
  if (parties.length > 0) headers[PARTY_IDS_HEADER] = JSON.stringify(parties.map(({ role, id }) => ({ role, id })));
  return {
    topic,
    messageKey: Buffer.from(data.shipmentId, 'utf8'),
    messageValue: Buffer.from(JSON.stringify(clearanceStatusEvent(data, source)), 'utf8'),
    headers,
  };
}

export interface RecordFailure {
  kind: string;
  issues: { path: string; message: string }[];
}

/** The original record, byte for byte, with headers naming the error. */
export function deadLetterMessage(topic: string, record: InboundRecord, failure: RecordFailure, at: Date): OutgoingMessage {
  const first = failure.issues[0];
  // Keep the header valid JSON: drop issues from the end until it fits.
  let shown = failure.issues;
  let errors = JSON.stringify(shown);
  while (Buffer.byteLength(errors) > MAX_ERRORS_HEADER_BYTES && shown.length > 1) {
    shown = shown.slice(0, Math.ceil(shown.length / 2));
    errors = JSON.stringify(shown);
  }
  if (Buffer.byteLength(errors) > MAX_ERRORS_HEADER_BYTES) {
    errors = JSON.stringify([{ path: shown[0].path.slice(0, 200), message: shown[0].message.slice(0, 1000) }]);
  }
  const source = inboundPosition(record);
  return {
    topic,
    messageKey: record.key,
    messageValue: record.value,
    headers: {
      ...record.headers,
      [DLQ_HEADERS.errorKind]: failure.kind,
      [DLQ_HEADERS.errorMessage]: first ? `${first.path}: ${first.message}` : failure.kind,
      [DLQ_HEADERS.errors]: errors,
      [DLQ_HEADERS.sourceTopic]: source.topic,
      [DLQ_HEADERS.sourcePartition]: String(source.partition),
      [DLQ_HEADERS.sourceOffset]: source.offset,
      [DLQ_HEADERS.failedAt]: at.toISOString(),
    },
  };
}

/** Header on a record re-sent from a dead letter: the dead letter's id. */
export const REPLAYED_FROM_DEAD_LETTER_HEADER = 'replayed-from-dead-letter';

const DLQ_HEADER_PREFIX = 'dlq.';

/**
 * A dead letter sent again to the inbound topic: its original key, value and headers, without
 * the `dlq.*` headers of an earlier failure, marked with the dead letter it came from.
 */
export function deadLetterReplayMessage(
  topic: string,
  deadLetter: { id: string; key: Buffer | null; value: Buffer | null; headers: Record<string, string> },
): OutgoingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(deadLetter.headers)) {
    if (!name.startsWith(DLQ_HEADER_PREFIX)) headers[name] = value;
  }
  headers[REPLAYED_FROM_DEAD_LETTER_HEADER] = deadLetter.id;
  return { topic, messageKey: deadLetter.key, messageValue: deadLetter.value, headers };
}
