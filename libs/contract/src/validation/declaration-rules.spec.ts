import { aDeclaration, aDocument, aShipmentEvent, anItem } from '../testing/declaration.factory';
import { type Json, anEventWith, expectFailure, issuePaths, messageAt, parse } from './parse-test-helpers';

const SUBMITTED = 'customs.prearrival.submitted';
const AMENDED = 'customs.prearrival.amended';

/** A submitted declaration edited by `edit` (on `data`). */
function declarationWith(edit: (data: Json) => void, type: typeof SUBMITTED | typeof AMENDED = SUBMITTED): Json {
  return anEventWith(type, (e) => edit(e.data));
}

describe('Declaration rules', () => {
  describe('given several broken fields at once', () => {
    it('when parsed, then every issue is reported with its own path', () => {
      // given
      const event = declarationWith((d) => {
        d.route.originCountry = 'be';
        d.route.estimatedArrival = '2026-04-07 08:00';
        d.parties.consignee.type = 'MINISTRY';
        d.items.push(anItem({ lineNo: 2 }), anItem({ lineNo: 3 }));
        d.items[2].hsCode = '3002.41';
        d.items[2].value.currency = 'XYZ';
        d.items[1].quantity = 0;
        d.documents[0].type = 'EUA';
      });
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(issuePaths(result)).toEqual([
        'data.route.originCountry',
        'data.route.estimatedArrival',
        'data.parties.consignee.type',
        'data.items[1].quantity',
        'data.items[2].hsCode',
        'data.items[2].value.currency',
        'data.documents[0].type',
      ]);
      expect(messageAt(result, 'data.items[2].hsCode')).toBe('must be an HS code of 6 to 10 digits without dots (e.g. 300241)');
      expect(messageAt(result, 'data.items[1].quantity')).toBe('must be a number greater than 0');
      expect(messageAt(result, 'data.parties.consignee.type')).toMatch(/^must be one of GOVERNMENT, /);
    });
  });

  describe('given item line numbers', () => {
    it('when two later items repeat the first lineNo, then each repeat is reported at its own lineNo', () => {
      // given
      const event = aShipmentEvent(
        SUBMITTED,
        aDeclaration({ items: [anItem({ lineNo: 1 }), anItem({ lineNo: 2 }), anItem({ lineNo: 1 }), anItem({ lineNo: 2 })] }),
      );
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.issues).toEqual([
        { path: 'data.items[2].lineNo', message: 'must be unique within the list; entry [0] has the same lineNo' },
        { path: 'data.items[3].lineNo', message: 'must be unique within the list; entry [1] has the same lineNo' },
      ]);
    });

    it.each([0, -1, 1.5, '1'])('when lineNo is %p, then it must be a positive integer', (lineNo) => {
      const result = parse(declarationWith((d) => (d.items[0].lineNo = lineNo)));
      expect(messageAt(result, 'data.items[0].lineNo')).toMatch(/^must be an integer from 1 to 2147483647/);
    });
  });

  describe('given a storage temperature range', () => {
    it('when minC is above maxC, then maxC is reported', () => {
      const result = expectFailure(parse(declarationWith((d) => (d.items[0].storageTemperature = { minC: 8, maxC: 2 }))));
      expect(result.issues).toEqual([
        { path: 'data.items[0].storageTemperature.maxC', message: 'must be greater than or equal to minC (8)' },
      ]);
    });

    it('when minC equals maxC or is negative (frozen), then it is valid', () => {
      expect(parse(declarationWith((d) => (d.items[0].storageTemperature = { minC: 5, maxC: 5 }))).ok).toBe(true);
      expect(parse(declarationWith((d) => (d.items[0].storageTemperature = { minC: -90, maxC: -60 }))).ok).toBe(true);
    });

    it('when a bound is missing or below absolute zero, then it is reported', () => {
      const result = parse(declarationWith((d) => (d.items[0].storageTemperature = { minC: -300 })));
      expect(issuePaths(result)).toEqual(['data.items[0].storageTemperature.minC', 'data.items[0].storageTemperature.maxC']);
      expect(messageAt(result, 'data.items[0].storageTemperature.maxC')).toBe('is required');
    });
  });

  describe('given the amendment number', () => {
    it('when a submission has amendment 1, then it must be 0', () => {
      const result = parse(declarationWith((d) => (d.amendment = 1)));
      expect(expectFailure(result).issues).toEqual([{ path: 'data.amendment', message: 'must be 0 on customs.prearrival.submitted' }]);
    });

    it('when an amendment has amendment 0, then it is valid (stale against any accepted declaration: the engine changes nothing)', () => {
      expect(parse(declarationWith((d) => (d.amendment = 0), AMENDED)).ok).toBe(true);
    });

    it('when an amendment has a negative number, then it must be an integer from 0', () => {
      const result = parse(declarationWith((d) => (d.amendment = -1), AMENDED));
      expect(messageAt(result, 'data.amendment')).toBe('must be an integer from 0 to 2147483647 on customs.prearrival.amended');
    });

    it("when an amendment repeats an older number (stale), then it is still a valid event: staleness is the engine's call", () => {
      expect(parse(declarationWith((d) => (d.amendment = 3), AMENDED)).ok).toBe(true);
    });

    it.each([-1, 2.5, '1', null])('when amendment is %p, then it is invalid', (amendment) => {
      expect(issuePaths(parse(declarationWith((d) => (d.amendment = amendment), AMENDED)))).toEqual(['data.amendment']);
    });
  });

  describe('given codes and formats', () => {
    it.each([
      ['route.originCountry', 'XX'],
      ['route.originCountry', 'BEL'],
      ['route.entryLocation', 'IDCG1'],
      ['route.entryLocation', 'idcgk'],
      ['route.loadingLocation', 'BE BRU'],
      ['route.estimatedArrival', '2026-04-07T08:00:00'],
      ['route.estimatedArrival', '2026-02-30T08:00:00Z'],
      ['route.estimatedArrival', '2026-04-07T24:00:00Z'],
      ['transport.mode', 'air'],
      ['transport.channel', 'COURIER'],
      ['transport.documentType', 'HAWB'],
      ['transport.documentNumber', ''],
      ['transport.documentNumber', '   '],
      ['transport.carrierId', 'x'.repeat(65)],
      ['parties.consignor.name', 'x'.repeat(201)],
      ['parties.consignor.aeo', 'yes'],
      ['parties.consignor.country', 'uk'],
      ['items[0].description', 'x'.repeat(513)],
      ['items[0].unit', 'x'.repeat(65)],
      ['items[0].grossMassKg', 0],
      ['items[0].value.amount', -0.01],
      ['items[0].value.currency', 'eur'],
      ['items[0].manufacturer.country', 'EU'],
      ['items[0].dangerousGoods', { unNumber: '1845' }],
      ['items[0].expiryDate', '2027-02-29'],
      ['items[0].expiryDate', '2027-01-31T00:00:00Z'],
      ['items[0].preferentialOriginClaimed', 'false'],
      ['items[0].batchNumbers', ['FP8471', '']],
      ['items[0].batchNumbers', 'FP8471'],
      ['documents[0].reference', 'x'.repeat(65)],
      ['documents[0].issuingCountry', 'Indonesia'],
      ['shipmentId', 'SHP ID 2026'],
      ['shipmentId', 'x'.repeat(65)],
    ])('when %s is %j, then that path is reported', (field, value) => {
      // given
      const event = declarationWith((d) => {
        const keys = field.replace(/\[(\d+)\]/g, '.$1').split('.');
        const last = keys.pop() as string;
        const parent = keys.reduce((o: Json, k) => o[k], d);
        parent[last] = value;
      });
      if (field === 'shipmentId') event.subject = event.data.shipmentId;
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      const paths =
        field === 'items[0].dangerousGoods'
          ? ['data.items[0].dangerousGoods.unNumber']
          : field === 'shipmentId'
            ? ['data.shipmentId', 'subject'] // subject mirrors it and is checked too
            : [`data.${field}`];
      expect(issuePaths(result)).toEqual(paths);
    });

    it.each([
      ['route.estimatedArrival', '2026-04-07T15:00:00+07:00'],
      ['route.estimatedArrival', '2026-04-07T08:00:00.123456Z'],
      ['route.estimatedArrival', '2028-02-29T08:00:00Z'],
      ['items[0].expiryDate', '2028-02-29'],
      ['items[0].dangerousGoods', { unNumber: 'UN1845' }],
      ['items[0].batchNumbers', []],
      ['parties.consignor.country', 'GB'],
      ['route.entryLocation', 'NLRTM'],
      ['shipmentId', 'SHP-ID-2026-000123'],
      ['items[0].hsCode', '3002410000'],
      ['items[0].value.amount', 0],
    ])('when %s is %j, then it is valid', (field, value) => {
      const event = declarationWith((d) => {
        const keys = field.replace(/\[(\d+)\]/g, '.$1').split('.');
        const last = keys.pop() as string;
        keys.reduce((o: Json, k) => o[k], d)[last] = value;
      });
      expect(parse(event)).toMatchObject({ ok: true });
    });
  });

  describe('given list sizes', () => {
    it('when there are no items, then items must have 1 to 999 entries', () => {
      expect(messageAt(parse(declarationWith((d) => (d.items = []))), 'data.items')).toBe('must be an array of 1 to 999 objects');
    });

    it('when there are 1000 items, then it is too many', () => {
      const items = Array.from({ length: 1000 }, (_, i) => ({
        lineNo: i + 1,
        hsCode: '300490',
        description: 'd',
        quantity: 1,
        unit: 'U',
        grossMassKg: 1,
      }));
      expect(expectFailure(parse(declarationWith((d) => (d.items = items)))).issues).toEqual([
        { path: 'data.items', message: 'must be an array of 1 to 999 objects' },
      ]);
    });

    it('when there are 999 items, then it is valid', () => {
      const items = Array.from({ length: 999 }, (_, i) => ({
        lineNo: i + 1,
        hsCode: '300490',
        description: 'd',
        quantity: 1,
        unit: 'U',
        grossMassKg: 1,
      }));
      expect(parse(declarationWith((d) => (d.items = items))).ok).toBe(true);
    });

    it('when there are 51 documents, then it is too many', () => {
      const documents = Array.from({ length: 51 }, (_, i) => aDocument({ reference: `REF-${i}` }));
      expect(issuePaths(parse(declarationWith((d) => (d.documents = documents))))).toEqual(['data.documents']);
    });
  });

  describe('given properties the contract does not know', () => {
    it('when data has typos or extra fields at any depth, then each is reported', () => {
      // given
      const event = declarationWith((d) => {
        d.priority = 'CRITICAL';
        d.route.eta = d.route.estimatedArrival;
        d.items[0].expiryDte = '2027-01-31';
        d.items[0].storageTemperature.unit = 'C';
      });
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.issues).toEqual(
        expect.arrayContaining([
          { path: 'data.priority', message: 'is not a known property of this contract' },
          { path: 'data.route.eta', message: 'is not a known property of this contract' },
          { path: 'data.items[0].expiryDte', message: 'is not a known property of this contract' },
          { path: 'data.items[0].storageTemperature.unit', message: 'is not a known property of this contract' },
        ]),
      );
      expect(result.issues).toHaveLength(4);
    });

    it('when an optional field is null instead of absent, then it is rejected', () => {
      const result = parse(declarationWith((d) => (d.items[0].expiryDate = null)));
      expect(messageAt(result, 'data.items[0].expiryDate')).toBe(
        'must be an existing calendar date YYYY-MM-DD (e.g. 2027-01-31), got null',
      );
    });
  });

  describe('given stale shapes from an earlier contract draft', () => {
    it('when a flat v0 declaration is sent, then the missing and unknown fields are listed', () => {
      // given: consignee at the top level, hsCode with dots, eta instead of route
      const event = anEventWith(SUBMITTED, (e) => {
        e.data = {
          shipmentId: 'SHP-ID-2026-000123',
          version: 0,
          consignee: 'Ministry of Health',
          eta: '2026-04-07T08:00:00Z',
          items: [{ line: 1, hsCode: '3002.41', qty: 100 }],
        };
      });
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(issuePaths(result)).toEqual(
        expect.arrayContaining([
          'data.version',
          'data.consignee',
          'data.eta',
          'data.amendment',
          'data.transport',
          'data.route',
          'data.parties',
          'data.items[0].line',
          'data.items[0].qty',
          'data.items[0].lineNo',
          'data.items[0].hsCode',
        ]),
      );
      expect(messageAt(result, 'data.transport')).toBe('is required');
      expect(result.shipmentId).toBe('SHP-ID-2026-000123');
    });

    it('when cancelled carries a whole declaration, then the extra fields are reported', () => {
      const event = anEventWith('customs.prearrival.cancelled', (e) => (e.data = { ...aDeclaration(), reason: 'duplicate' }));
      expect(issuePaths(parse(event))).toEqual(
        expect.arrayContaining(['data.amendment', 'data.transport', 'data.route', 'data.parties', 'data.items', 'data.documents']),
      );
    });

    it('when arrived lacks entryLocation and has a bad time, then both are reported', () => {
      const event = anEventWith('customs.shipment.arrived', (e) => {
        delete e.data.entryLocation;
        e.data.arrivedAt = 1775548920000;
      });
      const result = parse(event);
      expect(issuePaths(result)).toEqual(['data.arrivedAt', 'data.entryLocation']);
      expect(messageAt(result, 'data.arrivedAt')).toMatch(/got a number$/);
    });

    it('when the cancellation reason is empty or over 500 characters, then it is reported', () => {
      for (const reason of ['', 'x'.repeat(501)]) {
        const event = anEventWith('customs.prearrival.cancelled', (e) => (e.data.reason = reason));
        expect(issuePaths(parse(event))).toEqual(['data.reason']);
      }
    });
  });
});
