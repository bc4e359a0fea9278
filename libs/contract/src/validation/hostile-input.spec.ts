import { aDeclaration, anItem, aShipmentEvent, toRecordValue } from '../testing/declaration.factory';
import { MAX_ISSUES } from './issues';
import { parseShipmentEvent } from './parse-shipment-event';
import { type Json, anEventWith, expectFailure, issuePaths, messageAt, parse } from './parse-test-helpers';

const SUBMITTED = 'customs.prearrival.submitted';

describe('parseShipmentEvent on hostile input', () => {
  describe('given prototype-pollution keys', () => {
    it('when data contains "__proto__", then it is rejected and Object.prototype is untouched', () => {
      // given: JSON.parse creates an own "__proto__" property
      const json = JSON.stringify(aShipmentEvent(SUBMITTED)).replace('"data":{', '"data":{"__proto__":{"polluted":true,"amendment":0},');
      // when
      const result = expectFailure(parseShipmentEvent(Buffer.from(json)));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(result.issues).toEqual([{ path: 'data.__proto__', message: 'is a reserved property name and not allowed' }]);
      expect(({} as Json).polluted).toBeUndefined();
    });

    it.each(['constructor', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'])(
      'when an item has an own "%s" key, then it is reported instead of silently dropped',
      (key) => {
        // given
        const json = JSON.stringify(aShipmentEvent(SUBMITTED)).replace('"lineNo":1', `"${key}":"x","lineNo":1`);
        // when
        const result = expectFailure(parseShipmentEvent(Buffer.from(json)));
        // then
        expect(issuePaths(result)).toEqual([`data.items[0].${key}`]);
      },
    );

    it('when the envelope has a "__proto__" key, then it is NOT_CLOUDEVENT', () => {
      const json = JSON.stringify(aShipmentEvent(SUBMITTED)).replace('{', '{"__proto__":{"specversion":"1.0"},');
      const result = expectFailure(parseShipmentEvent(Buffer.from(json)));
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(issuePaths(result)).toEqual(['__proto__']);
    });

    it('when an envelope attribute is an object with a "constructor" key, then it is reported, not thrown', () => {
      const event = anEventWith(SUBMITTED, (e) => (e.subject = JSON.parse('{"constructor":"x"}')));
      const result = expectFailure(parse(event));
      expect(issuePaths(result)).toEqual(['subject.constructor']);
    });
  });

  describe('given deep nesting', () => {
    it('when data nests arrays 100,000 levels deep, then it is rejected without a stack overflow', () => {
      // given
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const json = JSON.stringify(aShipmentEvent(SUBMITTED)).replace('"data":{', `"data":{"x":${deep},`);
      // when
      const result = expectFailure(parseShipmentEvent(Buffer.from(json)));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0].message).toMatch(/nested more than \d+ levels deep/);
    });

    it('when an unknown property nests objects deeply, then the guard reports it', () => {
      let deep: Json = {};
      for (let i = 0; i < 50; i++) deep = { a: deep };
      const result = parse(anEventWith(SUBMITTED, (e) => (e.data.items[0].manufacturer.extra = deep)));
      expect(expectFailure(result).issues[0].path).toMatch(/^data\.items\[0\]\.manufacturer\.extra(\.a)+$/);
    });

    it('when items are wrapped in a nested array, then they are not accepted', () => {
      const result = parse(anEventWith(SUBMITTED, (e) => (e.data.items = [e.data.items])));
      expect(expectFailure(result).issues).toEqual([{ path: 'data.items', message: 'must be an array of 1 to 999 objects' }]);
    });
  });

  describe('given huge arrays', () => {
    it('when items has 80,000 entries, then it is rejected by size without validating each entry', () => {
      // given: ~240 KiB of empty objects
      const event = anEventWith(SUBMITTED, (e) => (e.data.items = Array.from({ length: 80_000 }, () => ({}))));
      const bytes = toRecordValue(event);
      expect(bytes.byteLength).toBeLessThan(256 * 1024);
      // when
      const started = Date.now();
      const result = expectFailure(parseShipmentEvent(bytes));
      // then
      expect(Date.now() - started).toBeLessThan(1000);
      expect(result.issues).toEqual([{ path: 'data.items', message: expect.stringContaining('has 80000 entries') }]);
    });

    it('when 1,000 items each break several rules, then the issues are capped', () => {
      // given
      const items = Array.from({ length: 999 }, (_, i) => ({
        lineNo: i + 1,
        hsCode: 'x',
        description: '',
        quantity: -1,
        unit: '',
        grossMassKg: -1,
      }));
      // when
      const result = expectFailure(parse(anEventWith(SUBMITTED, (e) => (e.data.items = items))));
      // then
      expect(result.issues).toHaveLength(MAX_ISSUES);
      expect(result.issues[MAX_ISSUES - 1]).toEqual({ path: '$', message: expect.stringMatching(/^\d+ more issue\(s\) not listed$/) });
    });

    it('when there are thousands of bad extension attributes, then the issues are capped', () => {
      const event: Json = aShipmentEvent(SUBMITTED);
      for (let i = 0; i < 5000; i++) event[`Bad-${i}`] = i;
      const result = expectFailure(parse(event));
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(result.issues).toHaveLength(MAX_ISSUES);
    });
  });

  describe('given wrong JSON types', () => {
    it.each([
      ['transport', 'AIR', 'must be an object, got a string'],
      ['transport', 42, 'must be an object, got a number'],
      ['transport', null, 'must be an object, got null'],
      ['transport', [], 'must be an object, got an array'],
      ['items', 'many', 'must be an array of 1 to 999 objects, got a string'],
      ['items', { 0: {} }, 'must be an array of 1 to 999 objects, got an object'],
      ['items', [null], 'must be an array of 1 to 999 objects'],
      ['items', [42], 'must be an array of 1 to 999 objects'],
      ['amendment', '0', 'must be 0 on customs.prearrival.submitted, got a string'],
      ['amendment', false, 'must be 0 on customs.prearrival.submitted, got a boolean'],
      ['shipmentId', 123, 'must be a shipment id of 1-64 characters from A-Z a-z 0-9 . _ : -, got a number'],
    ])('when data.%s is %j, then it is reported, never coerced, never thrown', (field, value, message) => {
      // when
      const result = expectFailure(parse(anEventWith(SUBMITTED, (e) => (e.data[field] = value))));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(messageAt(result, `data.${field}`)).toBe(message);
    });

    it('when numbers are sent as strings, then they are not converted', () => {
      const result = parse(
        anEventWith(SUBMITTED, (e) => {
          e.data.items[0].quantity = '4800';
          e.data.items[0].storageTemperature.minC = '2';
          e.data.items[0].value.amount = '96000';
        }),
      );
      expect(issuePaths(result)).toEqual(['data.items[0].quantity', 'data.items[0].value.amount', 'data.items[0].storageTemperature.minC']);
    });

    it('when a number overflows to Infinity (1e400), then it is rejected', () => {
      const json = JSON.stringify(aShipmentEvent(SUBMITTED)).replace('"quantity":4800', '"quantity":1e400');
      const result = parseShipmentEvent(Buffer.from(json));
      expect(issuePaths(result)).toEqual(['data.items[0].quantity']);
    });

    it('when nested objects are arrays of objects, then they are not iterated', () => {
      const result = parse(anEventWith(SUBMITTED, (e) => (e.data.parties.consignee = [e.data.parties.consignee])));
      expect(expectFailure(result).issues).toEqual([{ path: 'data.parties.consignee', message: 'must be an object, got an array' }]);
    });
  });

  describe('given random corruption of a valid record', () => {
    it('when 2,000 mutated records are parsed, then every call returns a result and none throws', () => {
      // given: a deterministic pseudo-random generator
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const valid = toRecordValue(aShipmentEvent(SUBMITTED));
      const replacements = [0x00, 0x22, 0x5b, 0x5d, 0x7b, 0x7d, 0x2c, 0x3a, 0x30, 0x6e, 0xff];
      // when / then
      for (let i = 0; i < 2000; i++) {
        const bytes = Buffer.from(valid);
        const edits = 1 + Math.floor(random() * 3);
        for (let k = 0; k < edits; k++)
          bytes[Math.floor(random() * bytes.length)] = replacements[Math.floor(random() * replacements.length)];
        const result = parseShipmentEvent(bytes, null);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }
    });

    it('when every JSON value of the record is replaced in turn by other types, then no call throws', () => {
      const base = aShipmentEvent(SUBMITTED) as Json;
      const paths: (string | number)[][] = [];
      const walk = (v: Json, path: (string | number)[]) => {
        paths.push(path);
        if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...path, Array.isArray(v) ? Number(k) : k]);
      };
      walk(base, []);
      for (const path of paths.slice(1)) {
        for (const replacement of [null, 0, -1, '', 'x', true, [], {}, [{}], { a: 1 }]) {
          const event = structuredClone(base);
          const last = path[path.length - 1];
          const parent = path.slice(0, -1).reduce((o: Json, k) => o[k], event);
          parent[last] = replacement;
          expect(() => parse(event)).not.toThrow();
        }
      }
    });
  });
});

describe('characters PostgreSQL cannot store', () => {
  it.each([
    [
      'a NUL in an item description',
      aShipmentEvent('customs.prearrival.submitted', aDeclaration({ items: [anItem({ description: 'vaccine\u0000' })] })),
      'data.items[0].description',
    ],
    [
      'an unpaired surrogate in a batch number',
      aShipmentEvent('customs.prearrival.submitted', aDeclaration({ items: [anItem({ batchNumbers: ['\ud800'] })] })),
      'data.items[0].batchNumbers[0]',
    ],
    ['a NUL in the event id', aShipmentEvent('customs.prearrival.submitted', aDeclaration(), { id: 'evt-\u0000' }), 'id'],
  ])('given %s, when parsed, then it is rejected naming the field', (_, event, path) => {
    const result = parse(event);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual({ path, message: expect.stringContaining('cannot be stored') });
  });

  it('given a properly paired emoji in a description, when parsed, then it is accepted', () => {
    expect(parse(aShipmentEvent('customs.prearrival.submitted', aDeclaration({ items: [anItem({ description: 'vaccine 💉' })] }))).ok).toBe(
      true,
    );
  });
});
