// Test data for the engine's use case specs: inbound records as the transport hands them over.
import type { InboundBatch, InboundRecord } from '@app/messaging';

export const LANE = 'customs.shipment-events.v1.lane.critical';

let offset = 0;

/** A lane record whose inbound origin is partition 0 of the inbound topic; `value` is sent as JSON unless a string. */
export function aRecord(key: string | null, value: unknown, overrides: Partial<InboundRecord> = {}): InboundRecord {
  const at = String(offset++);
  return {
    topic: LANE,
    partition: 0,
    offset: at,
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: {},
    timestamp: '1775548800000',
    origin: { topic: 'customs.shipment-events.v1', partition: 0, offset: at },
    ...overrides,
  };
}

export function aBatch(partition: number, records: InboundRecord[], highWatermark = '1000000'): InboundBatch {
  return { topic: LANE, partition, highWatermark, records: records.map((r) => ({ ...r, partition })) };
}
