import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import type { Shipment } from '@app/clearance';
import { parseBatches } from './parsed-record';
import { positionsToCheck } from './recorded-before';
import { aBatch, aRecord } from './testing.fixtures';

describe('positionsToCheck', () => {
  const owned = new Map([['SHP-1', { ownerSource: 'urn:owner' } as Shipment]]);
  const event = (source: string) => ({
    ...aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId: 'SHP-1', amendment: 1 })),
    source,
  });

  it('given bad records, valid ones from the owner and one from another source, then the bad ones and the foreign one are checked', () => {
    const [part] = parseBatches([
      aBatch(0, [aRecord('SHP-1', 'not json'), aRecord('SHP-1', event('urn:owner')), aRecord('SHP-1', event('urn:other'))]),
    ]);
    const positions = positionsToCheck(part.parsed, owned);
    expect(positions.map((p) => p.offset)).toEqual([part.parsed[0].record.origin!.offset, part.parsed[2].record.origin!.offset]);
  });

  it('given a valid event for a shipment nobody owns, then it is not checked', () => {
    const [part] = parseBatches([aBatch(0, [aRecord('SHP-1', event('urn:anyone'))])]);
    expect(positionsToCheck(part.parsed, new Map())).toEqual([]);
  });
});
