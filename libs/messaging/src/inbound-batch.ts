/** One Kafka record as the engine sees it: raw bytes, nothing parsed yet. */
export interface InboundRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

/** Consecutive records of one partition, in offset order. */
export interface InboundBatch {
  topic: string;
  partition: number;
  /** The partition's high watermark when fetched: the offset the next produced record gets. */
  highWatermark: string;
  records: InboundRecord[];
}

/** Message patterns handled by controllers; the transport maps topics (from config) to them. */
export const MESSAGE_PATTERNS = {
  shipmentEventBatch: 'shipment-events.batch',
} as const;
