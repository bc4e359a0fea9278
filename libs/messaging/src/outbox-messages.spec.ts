import {
  DLQ_HEADERS,
  PARTY_IDS_HEADER,
  REPLAYED_FROM_DEAD_LETTER_HEADER,
  deadLetterMessage,
  deadLetterReplayMessage,
  statusMessage,
} from './outbox-messages';
import { type InboundRecord } from './inbound-batch';

const record: InboundRecord = {
  topic: 'customs.shipment-events.v1',
  partition: 2,
  offset: '41',
  key: Buffer.from('SHP-1'),
  value: Buffer.from('{"not":"a cloud event"}'),
  headers: { traceparent: '00-abc-def-01' },
  timestamp: '0',
};

describe('deadLetterMessage', () => {
  it('given a bad record, when dead-lettered, then the original key, bytes and headers go out with headers naming the error', () => {
    const message = deadLetterMessage(
      'dlq',
      record,
      { kind: 'NOT_CLOUDEVENT', issues: [{ path: 'specversion', message: 'is required' }] },
      new Date('2026-04-07T08:00:00Z'),
    );

    expect(message.topic).toBe('dlq');
    expect(message.messageKey).toBe(record.key);
    expect(message.messageValue).toBe(record.value);
    expect(message.headers).toMatchObject({
      traceparent: '00-abc-def-01',
      [DLQ_HEADERS.errorKind]: 'NOT_CLOUDEVENT',
      [DLQ_HEADERS.errorMessage]: 'specversion: is required',
      [DLQ_HEADERS.sourceTopic]: 'customs.shipment-events.v1',
      [DLQ_HEADERS.sourcePartition]: '2',
      [DLQ_HEADERS.sourceOffset]: '41',
      [DLQ_HEADERS.failedAt]: '2026-04-07T08:00:00.000Z',
    });
    expect(JSON.parse(message.headers[DLQ_HEADERS.errors])).toEqual([{ path: 'specversion', message: 'is required' }]);
  });

  it('given errors too many for one header, when dead-lettered, then the errors header is cut to fewer issues and stays valid JSON', () => {
    const issues = Array.from({ length: 50 }, (_, i) => ({ path: `data.items[${i}].description`, message: 'x'.repeat(400) }));

    const message = deadLetterMessage('dlq', record, { kind: 'INVALID_DATA', issues }, new Date());

    const header = message.headers[DLQ_HEADERS.errors];
    expect(Buffer.byteLength(header)).toBeLessThanOrEqual(8 * 1024);
    const shown = JSON.parse(header);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(50);
    expect(shown[0]).toEqual(issues[0]);
  });
});

describe('statusMessage', () => {
  it('given a status, when built, then it is a CloudEvent keyed by shipment with an id stable per version', () => {
    const data = {
      shipmentId: 'SHP-1',
      version: 3,
      status: 'HELD' as const,
      priority: 'CRITICAL' as const,
      coldChain: true,
      reasons: [{ code: 'WATCHLIST_MATCH', ruleId: 'watchlist', message: 'm' }],
      rulesetVersion: 1,
      decidedAt: '2026-04-07T08:00:00.000Z',
      decidedBy: 'ENGINE' as const,
      causationId: 'evt-1',
    };

    const message = statusMessage('status', data, 'urn:test');

    expect(message.messageKey!.toString()).toBe('SHP-1');
    expect(JSON.parse(message.messageValue!.toString())).toEqual({
      specversion: '1.0',
      id: 'SHP-1:v3',
      source: 'urn:test',
      type: 'customs.clearance.status',
      time: '2026-04-07T08:00:00.000Z',
      subject: 'SHP-1',
      datacontenttype: 'application/json',
      data,
    });
  });

  it('given the party ids of the shipment, when built, then the party-ids header lists them as JSON (no value can inject)', () => {
    const data = {
      shipmentId: 'SHP-2',
      version: 1,
      status: 'PRE_CLEARED' as const,
      priority: 'STANDARD' as const,
      coldChain: false,
      reasons: [{ code: 'NO_RISK_FOUND', ruleId: 'pre-clearance', message: 'm' }],
      rulesetVersion: 1,
      decidedAt: '2026-04-07T08:00:00.000Z',
      decidedBy: 'ENGINE' as const,
      causationId: 'evt-2',
    };

    const message = statusMessage('status', data, 'urn:test', [
      { role: 'consignor', id: 'BE1;consignee:"x"' },
      { role: 'carrier', id: 'GA' },
    ]);

    // Whatever an id holds, it stays inside its JSON string.
    expect(JSON.parse(message.headers[PARTY_IDS_HEADER])).toEqual([
      { role: 'consignor', id: 'BE1;consignee:"x"' },
      { role: 'carrier', id: 'GA' },
    ]);
  });
});

describe('deadLetterReplayMessage', () => {
  it('given a dead letter replayed before, when replayed again, then its bytes go out with its own headers, no dlq.* header and the new origin', () => {
    const message = deadLetterReplayMessage('events', {
      id: '7',
      key: record.key,
      value: record.value,
      headers: { traceparent: '00-abc-def-01', [DLQ_HEADERS.errorKind]: 'NOT_CLOUDEVENT', [REPLAYED_FROM_DEAD_LETTER_HEADER]: '3' },
    });

    expect(message).toEqual({
      topic: 'events',
      messageKey: record.key,
      messageValue: record.value,
      headers: { traceparent: '00-abc-def-01', [REPLAYED_FROM_DEAD_LETTER_HEADER]: '7' },
    });
  });
});
