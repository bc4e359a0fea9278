import type { UnreadableRecord } from './compression/unreadable-record';

/** Where a record was first published (the inbound topic), when it is consumed from a lane. */
export interface RecordOrigin {
  topic: string;
  partition: number;
  offset: string;
}

/** One Kafka record as the engine sees it: raw bytes, nothing parsed yet. */
export interface InboundRecord {
  /** Where it is consumed from: the position offsets and progress refer to. */
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
  /** Its place on the inbound topic, when consumed from a priority lane. */
  origin?: RecordOrigin;
  /** Set on a stand-in: the record could not be carried as it was sent, and why. */
  unreadable?: UnreadableRecord;
}

/** Consecutive records of one partition, in offset order. */
export interface InboundBatch {
  topic: string;
  partition: number;
  /** The partition's high watermark when fetched: the offset the next produced record gets. */
  highWatermark: string;
  records: InboundRecord[];
}

/** Where a record was published by a border system: its origin, or where it is when it was consumed from there. */
export function inboundPosition(record: InboundRecord): RecordOrigin {
  return record.origin ?? { topic: record.topic, partition: record.partition, offset: record.offset };
}

/** Message patterns handled by controllers; the transport maps topics (from config) to them. */
export const MESSAGE_PATTERNS = {
  /** Inbound records to route to their lanes. */
  triageBatch: 'shipment-events.triage',
  /** Lane records to decide. */
  shipmentEventBatch: 'shipment-events.batch',
} as const;
