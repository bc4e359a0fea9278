import { type InboundRecord } from './inbound-batch';
import { fromLane, LANE_ORIGIN_HEADERS, laneMessage } from './lane-records';
import { DLQ_HEADERS, deadLetterMessage } from './outbox-messages';

const inbound: InboundRecord = {
  topic: 'customs.shipment-events.v1',
  partition: 4,
  offset: '1207',
  key: Buffer.from('SHP-1'),
  value: Buffer.from('{"id":"evt-1"}'),
  // A border system's header, and one pretending to be the triage's.
  headers: { traceparent: '00-abc-def-01', [LANE_ORIGIN_HEADERS.offset]: '9' },
  timestamp: '1775548800000',
};

/** The forwarded message as the lane's consumer receives it. */
function consumedFromLane(laneTopic: string, partition: number, offset: string): InboundRecord {
  const m = laneMessage(laneTopic, inbound);
  return { topic: laneTopic, partition, offset, key: m.messageKey, value: m.messageValue, headers: m.headers, timestamp: m.timestamp! };
}

describe('priority lane records', () => {
  it('given an inbound record, when forwarded to a lane, then key, bytes and timestamp are kept and its origin is named in headers it cannot forge', () => {
    const message = laneMessage('customs.shipment-events.v1.lane.critical', inbound);

    expect(message.topic).toBe('customs.shipment-events.v1.lane.critical');
    expect(message.messageKey).toBe(inbound.key);
    expect(message.messageValue).toBe(inbound.value);
    expect(message.timestamp).toBe('1775548800000');
    expect(message.headers).toEqual({
      traceparent: '00-abc-def-01',
      [LANE_ORIGIN_HEADERS.topic]: 'customs.shipment-events.v1',
      [LANE_ORIGIN_HEADERS.partition]: '4',
      [LANE_ORIGIN_HEADERS.offset]: '1207',
    });
  });

  it('given a lane batch, when read back, then each record keeps its lane position and regains its origin and original headers', () => {
    const [record] = fromLane({ topic: 'lane', partition: 1, highWatermark: '8', records: [consumedFromLane('lane', 1, '7')] }).records;

    expect(record).toMatchObject({ topic: 'lane', partition: 1, offset: '7' });
    expect(record.origin).toEqual({ topic: 'customs.shipment-events.v1', partition: 4, offset: '1207' });
    expect(record.headers).toEqual({ traceparent: '00-abc-def-01' });
  });

  it('given a lane record that is dead-lettered, when the dead letter is built, then it names the inbound topic, partition and offset', () => {
    const [record] = fromLane({ topic: 'lane', partition: 1, highWatermark: '8', records: [consumedFromLane('lane', 1, '7')] }).records;

    const message = deadLetterMessage('dlq', record, { kind: 'NOT_JSON', issues: [] }, new Date(0));

    expect(message.headers).toMatchObject({
      [DLQ_HEADERS.sourceTopic]: 'customs.shipment-events.v1',
      [DLQ_HEADERS.sourcePartition]: '4',
      [DLQ_HEADERS.sourceOffset]: '1207',
    });
    expect(Object.keys(message.headers).filter((h) => h.startsWith('lane.'))).toEqual([]);
  });

  it('given a record without origin headers, when read back, then it is its own origin', () => {
    const plain: InboundRecord = { ...inbound, headers: { traceparent: 'x' } };
    const [record] = fromLane({ topic: plain.topic, partition: 4, highWatermark: '0', records: [plain] }).records;
    expect(record).toBe(plain);
  });
});
