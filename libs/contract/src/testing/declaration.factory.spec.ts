import { parseShipmentEvent } from '../validation';
import {
  DEFAULT_ESTIMATED_ARRIVAL,
  aCompanyConsignee,
  aDeclaration,
  aDryIceItem,
  aPrivateConsignee,
  aShipmentEvent,
  aStandardItem,
  aSyringeItem,
  anItem,
  toRecordKey,
  toRecordValue,
} from './declaration.factory';

describe('declaration factory', () => {
  it('given no overrides, when a declaration is built, then it is the valid CRITICAL vaccine default', () => {
    const declaration = aDeclaration();
    expect(declaration.items[0]).toMatchObject({
      hsCode: '300241',
      manufacturer: { name: 'Pfizer Manufacturing Belgium NV', country: 'BE' },
    });
    expect(declaration.items[0].storageTemperature).toEqual({ minC: 2, maxC: 8 });
    expect(declaration.items[0].expiryDate).toBe('2027-01-31');
    expect(declaration.parties.consignee.type).toBe('GOVERNMENT');
    expect(declaration.transport).toMatchObject({ mode: 'AIR', channel: 'CARGO', documentType: 'AWB' });
    expect(declaration.route).toMatchObject({ originCountry: 'BE', entryLocation: 'IDCGK', estimatedArrival: DEFAULT_ESTIMATED_ARRIVAL });
    expect(declaration.documents?.map((d) => d.type)).toEqual(['EMERGENCY_USE_AUTHORIZATION']);
  });

  it('given overrides, when applied, then objects merge, arrays are replaced and undefined removes', () => {
    const declaration = aDeclaration({
      route: { originCountry: 'IN', loadingLocation: undefined },
      items: [anItem({ lineNo: 7, storageTemperature: undefined })],
    });
    expect(declaration.route).toEqual({ originCountry: 'IN', entryLocation: 'IDCGK', estimatedArrival: DEFAULT_ESTIMATED_ARRIVAL });
    expect(declaration.items).toHaveLength(1);
    expect(declaration.items[0].lineNo).toBe(7);
    expect(declaration.items[0]).not.toHaveProperty('storageTemperature');
  });

  it('given the STANDARD and ESSENTIAL item builders, when used in a declaration, then it parses as valid', () => {
    const declaration = aDeclaration({ items: [aStandardItem(), aSyringeItem({ lineNo: 2 }), aDryIceItem({ lineNo: 3 })] });
    expect(declaration.items.map((i) => i.hsCode)).toEqual(['847130', '901831', '281121']);
    expect(declaration.items.map((i) => i.storageTemperature)).toEqual([undefined, undefined, undefined]);
    expect(declaration.items[2].dangerousGoods).toEqual({ unNumber: 'UN1845' });
    expect(parseShipmentEvent(toRecordValue(aShipmentEvent('customs.prearrival.submitted', declaration))).ok).toBe(true);
  });

  it.each([
    ['aPrivateConsignee', aPrivateConsignee],
    ['aCompanyConsignee', aCompanyConsignee],
  ])('given %s as the consignee override, then it replaces the default consignee whole and parses as valid', (_, build) => {
    const declaration = aDeclaration({ parties: { consignee: build() } });
    expect(declaration.parties.consignee).toEqual(build());
    expect(declaration.parties.consignor).toEqual(aDeclaration().parties.consignor);
    expect(parseShipmentEvent(toRecordValue(aShipmentEvent('customs.prearrival.submitted', declaration))).ok).toBe(true);
  });

  it('given two builds, when one is mutated, then the other is unaffected', () => {
    const a = aDeclaration();
    a.items[0].manufacturer!.name = 'changed';
    a.route.originCountry = 'XX';
    expect(aDeclaration().items[0].manufacturer!.name).toBe('Pfizer Manufacturing Belgium NV');
    expect(aDeclaration().route.originCountry).toBe('BE');
  });

  it('given an event built for each type, when serialised, then it parses as valid with a unique id', () => {
    const a = aShipmentEvent('customs.prearrival.submitted');
    const b = aShipmentEvent('customs.prearrival.submitted');
    expect(a.id).not.toBe(b.id);
    expect(a.subject).toBe(a.data.shipmentId);
    expect(parseShipmentEvent(toRecordValue(a), toRecordKey(a)).ok).toBe(true);
    expect(aShipmentEvent('customs.prearrival.amended').data.amendment).toBe(1);
  });

  it('given envelope overrides, when applied, then data is replaced and undefined removes attributes', () => {
    const event = aShipmentEvent('customs.prearrival.cancelled', undefined, { id: 'evt-1', time: undefined });
    expect(event.id).toBe('evt-1');
    expect(event).not.toHaveProperty('time');
  });
});
