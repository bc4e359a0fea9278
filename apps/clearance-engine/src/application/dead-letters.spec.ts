import { DLQ_HEADERS } from '@app/messaging';
import { deadLetterOf, describeDeadLetter } from './dead-letters';
import { aRecord } from './testing.fixtures';

describe('deadLetterOf', () => {
  const at = new Date('2026-04-07T08:00:00Z');

  it('given a bad record, then its row and DLQ record keep the original bytes and name the error and the inbound position', () => {
    const record = aRecord('SHP-1', 'not json');
    const failure = { kind: 'NOT_JSON', issues: [{ path: '$', message: 'not JSON' }], shipmentId: 'SHP-1', eventId: null };
    const { row, message } = deadLetterOf(record, failure, 'dlq', at);
    expect(row).toMatchObject({
      sourceTopic: 'customs.shipment-events.v1',
      kafkaOffset: record.origin!.offset,
      errorKind: 'NOT_JSON',
      shipmentId: 'SHP-1',
      receivedAt: at,
    });
    expect(row.messageValue).toBe(record.value);
    expect(message).toMatchObject({ topic: 'dlq', messageValue: record.value });
    expect(message.headers[DLQ_HEADERS.errorKind]).toBe('NOT_JSON');
    expect(describeDeadLetter(record, failure, failure.issues)).toBe(
      `Dead-lettered customs.shipment-events.v1[0]@${record.origin!.offset} (NOT_JSON, shipment SHP-1): $: not JSON`,
    );
  });

  it('given an error message quoting a NUL or a lone surrogate, then what is stored has them replaced', () => {
    const failure = { kind: 'NOT_JSON', issues: [{ path: '$', message: 'token "a\u0000b\ud800"' }], shipmentId: null, eventId: null };
    const { row, issues } = deadLetterOf(aRecord(null, 'a\u0000b'), failure, 'dlq', at);
    expect(issues[0].message).toBe('token "a\uFFFDb\uFFFD"');
    expect(row.errors).toEqual(issues);
  });
});
