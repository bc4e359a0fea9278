import { InboundBatch, InboundRecord } from './inbound-batch';
import { OutgoingMessage } from './outbox-messages';

/** Headers the triage adds to a lane record: where the record was on the inbound topic. */
export const LANE_ORIGIN_HEADERS = {
  topic: 'lane.origin.topic',
  partition: 'lane.origin.partition',
  offset: 'lane.origin.offset',
} as const;

/** The inbound record, byte for byte, for its lane topic, with headers naming its origin. */
export function laneMessage(laneTopic: string, record: InboundRecord): OutgoingMessage {
  return {
    topic: laneTopic,
    messageKey: record.key,
    messageValue: record.value,
    // The border system's time: the engine's latency figures start there, not at the triage.
    timestamp: record.timestamp,
    headers: {
      ...record.headers,
      // Set last: an inbound record cannot pretend to come from elsewhere.
      [LANE_ORIGIN_HEADERS.topic]: record.topic,
      [LANE_ORIGIN_HEADERS.partition]: String(record.partition),
      [LANE_ORIGIN_HEADERS.offset]: record.offset,
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
  const { [LANE_ORIGIN_HEADERS.topic]: topic, [LANE_ORIGIN_HEADERS.partition]: partition, [LANE_ORIGIN_HEADERS.offset]: offset, ...headers } =
    record.headers;
  if (topic === undefined || partition === undefined || offset === undefined || !/^\d+$/.test(partition) || !/^\d+$/.test(offset)) {
    return record;
  }
  return { ...record, headers, origin: { topic, partition: Number(partition), offset } };
}
