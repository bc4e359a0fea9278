import { type UnreadableRecord, UNREADABLE_KINDS, type UnreadableKind } from './compression/unreadable-record';
import { type InboundBatch, type InboundRecord } from './inbound-batch';
import { type OutgoingMessage } from './outbox-messages';

/** Headers the triage adds to a lane record: where the record was on the inbound topic. */
export const LANE_ORIGIN_HEADERS = {
  topic: 'lane.origin.topic',
  partition: 'lane.origin.partition',
  offset: 'lane.origin.offset',
} as const;

/** Headers of a stand-in: the triage forwards it in place of a record it cannot carry as it is. */
export const LANE_UNREADABLE_HEADERS = {
  kind: 'lane.unreadable.kind',
  message: 'lane.unreadable.message',
} as const;

/** Every header the triage sets starts so; an inbound record's own are dropped, so none can be forged. */
const LANE_HEADER_PREFIX = 'lane.';

/** Keys longer than this are not carried by a stand-in (a shipment id is at most 64 characters). */
const MAX_STAND_IN_KEY_BYTES = 1024;

function originHeaders(record: InboundRecord): Record<string, string> {
  return {
    [LANE_ORIGIN_HEADERS.topic]: record.topic,
    [LANE_ORIGIN_HEADERS.partition]: String(record.partition),
    [LANE_ORIGIN_HEADERS.offset]: record.offset,
  };
}

/** The inbound record, byte for byte, for its lane topic, with headers naming its origin. */
export function laneMessage(laneTopic: string, record: InboundRecord): OutgoingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (!name.startsWith(LANE_HEADER_PREFIX)) headers[name] = value;
  }
  return {
    topic: laneTopic,
    messageKey: record.key,
    messageValue: record.value,
    // The border system's time: the engine's latency figures start there, not at the triage.
    timestamp: record.timestamp,
    headers: { ...headers, ...originHeaders(record) },
  };
}

/**
 * A small record in place of one the triage cannot carry as it is (unreadable, too large, or
 * refused by the broker): its key when short, no value, no headers but its origin and why. The
 * lane dead-letters it in its place, in its shipment's order.
 * @param keepTimestamp false when the broker refused the original (its timestamp may be why).
 */
export function laneStandIn(laneTopic: string, record: InboundRecord, reason: UnreadableRecord, keepTimestamp = true): OutgoingMessage {
  const key = record.key !== null && record.key.length <= MAX_STAND_IN_KEY_BYTES ? record.key : null;
  return {
    topic: laneTopic,
    messageKey: key,
    messageValue: null,
    timestamp: keepTimestamp ? record.timestamp : undefined,
    headers: {
      ...originHeaders(record),
      [LANE_UNREADABLE_HEADERS.kind]: reason.kind,
      [LANE_UNREADABLE_HEADERS.message]: reason.message.slice(0, 2000),
    },
  };
}

/**
 * A lane batch as the engine processes it: each record keeps its lane position (progress and
 * offsets are the lane's) and gets back its inbound origin and original headers (dead letters
 * and the event log name the inbound topic, partition and offset).
 */
export function fromLane(batch: InboundBatch): InboundBatch {
  return { ...batch, records: batch.records.map(restoreOrigin) };
}

function restoreOrigin(record: InboundRecord): InboundRecord {
  const {
    [LANE_ORIGIN_HEADERS.topic]: topic,
    [LANE_ORIGIN_HEADERS.partition]: partition,
    [LANE_ORIGIN_HEADERS.offset]: offset,
    [LANE_UNREADABLE_HEADERS.kind]: unreadableKind,
    [LANE_UNREADABLE_HEADERS.message]: unreadableMessage,
    ...headers
  } = record.headers;
  if (topic === undefined || partition === undefined || offset === undefined || !/^\d+$/.test(partition) || !/^\d+$/.test(offset)) {
    return record;
  }
  const restored: InboundRecord = { ...record, headers, origin: { topic, partition: Number(partition), offset } };
  if (unreadableKind !== undefined) {
    const kind = (UNREADABLE_KINDS as readonly string[]).includes(unreadableKind)
      ? (unreadableKind as UnreadableKind)
      : 'UNREADABLE_COMPRESSION';
    restored.unreadable = { kind, message: unreadableMessage ?? kind };
  }
  return restored;
}
