import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { parseBatches, parseRecord, shipmentIdOf, unstorable } from './parsed-record';
import { aBatch, aRecord } from './testing.fixtures';

describe('parsed records', () => {
  it('given batches of several partitions, when parsed, then they come in partition order', () => {
    const parts = parseBatches([aBatch(2, [aRecord('SHP-2', 'x')]), aBatch(0, [aRecord('SHP-0', 'x')])]);
    expect(parts.map((p) => p.batch.partition)).toEqual([0, 2]);
  });

  it('given a stand-in, when parsed, then it is a failure of its kind naming the shipment of its key', () => {
    const record = aRecord('SHP-BIG', null, { unreadable: { kind: 'RECORD_TOO_LARGE', message: 'the record is 3 MiB' } });
    expect(parseRecord(record)).toEqual({
      ok: false,
      errorKind: 'RECORD_TOO_LARGE',
      issues: [{ path: '$', message: 'the record is 3 MiB' }],
      shipmentId: 'SHP-BIG',
      eventId: null,
      eventType: null,
    });
  });

  it('given a valid event the database refused, when made unstorable, then it keeps its shipment only when asked', () => {
    const one = {
      record: aRecord('SHP-1', 'x'),
      parsed: parseRecord(aRecord('SHP-1', aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: 'SHP-1' })))),
    };
    const refusal = Object.assign(new Error('bad'), { code: '22P05' });
    expect(unstorable(one, refusal, true).parsed).toMatchObject({ ok: false, errorKind: 'UNSTORABLE', shipmentId: 'SHP-1', eventId: null });
    expect(unstorable(one, refusal, false).parsed).toMatchObject({
      shipmentId: null,
      issues: [{ message: expect.stringContaining('22P05') }],
    });
    expect(shipmentIdOf(one)).toBe('SHP-1');
  });
});
