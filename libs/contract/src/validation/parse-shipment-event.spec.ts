import { SHIPMENT_EVENT_TYPES } from '../shipment-events';
import { DEFAULT_SHIPMENT_ID, aCancellation, aDeclaration, aShipmentEvent, anArrival, toRecordValue } from '../testing/declaration.factory';
import { MAX_EVENT_BYTES, parseShipmentEvent } from './parse-shipment-event';
import { anEventWith, expectFailure, issuePaths, messageAt, parse } from './parse-test-helpers';

describe('parseShipmentEvent', () => {
  describe('given a valid event of each type', () => {
    it.each(SHIPMENT_EVENT_TYPES)('when a %s event is parsed, then it is returned as a plain typed object', (type) => {
      // given
      const event = aShipmentEvent(type);
      // when
      const result = parse(event, DEFAULT_SHIPMENT_ID);
      // then
      expect(result).toEqual({ ok: true, event });
      if (!result.ok) return;
      expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(result.event.data)).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(result.event))).toEqual(event);
    });

    it('when the optional envelope attributes and optional declaration fields are absent, then it is valid', () => {
      // given
      const event = anEventWith('customs.prearrival.submitted', (e) => {
        delete e.time;
        delete e.datacontenttype;
        delete e.data.documents;
        delete e.data.parties.declarant;
        delete e.data.route.loadingLocation;
        delete e.data.transport.carrierId;
        delete e.data.transport.conveyanceRef;
        e.data.items = [{ lineNo: 1, hsCode: '300241', description: 'vaccine', quantity: 1, unit: 'VIAL', grossMassKg: 0.5 }];
        e.data.parties.consignee = { name: 'Ministry of Health', country: 'ID' };
      });
      // when
      const result = parse(event);
      // then
      expect(result.ok).toBe(true);
    });

    it('when the event carries CloudEvents extension attributes, then they are accepted but not returned', () => {
      // given
      const event = anEventWith('customs.shipment.arrived', (e) => {
        e.traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
        e.partitionkey = DEFAULT_SHIPMENT_ID;
        e.sequence = 42;
        e.dataschema = 'https://schemas.example.org/customs/arrived/v1.json';
      });
      // when
      const result = parse(event);
      // then
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.event).not.toHaveProperty('traceparent');
      expect(result.event).not.toHaveProperty('dataschema');
      expect(result.event.data).toEqual(anArrival());
    });

    it('when datacontenttype carries a charset parameter, then it is still JSON', () => {
      // given
      const event = anEventWith('customs.prearrival.cancelled', (e) => (e.datacontenttype = 'application/json; charset=utf-8'));
      // when / then
      expect(parse(event).ok).toBe(true);
    });

    it('when the record starts with a UTF-8 byte order mark, then it is parsed', () => {
      // given
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), toRecordValue(aShipmentEvent('customs.shipment.arrived'))]);
      // when / then
      expect(parseShipmentEvent(bytes).ok).toBe(true);
    });
  });

  describe('given a record that is not JSON', () => {
    it('when the value is null (a tombstone), then NOT_JSON names the shipment from the key', () => {
      // when
      const result = expectFailure(parseShipmentEvent(null, Buffer.from(DEFAULT_SHIPMENT_ID)));
      // then
      expect(result.errorKind).toBe('NOT_JSON');
      expect(result.issues).toEqual([{ path: '$', message: expect.stringContaining('tombstone') }]);
      expect(result.shipmentId).toBe(DEFAULT_SHIPMENT_ID);
      expect(result.eventId).toBeNull();
      expect(result.eventType).toBeNull();
    });

    it.each([
      ['an empty value', Buffer.alloc(0)],
      ['plain text', Buffer.from('hello')],
      ['truncated JSON', toRecordValue(aShipmentEvent('customs.shipment.arrived')).subarray(0, 40)],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
      ['XML', Buffer.from('<event type="customs.shipment.arrived"/>')],
    ])('when the value is %s, then it is NOT_JSON and never throws', (_label, bytes) => {
      // when
      const result = expectFailure(parseShipmentEvent(bytes, null));
      // then
      expect(result.errorKind).toBe('NOT_JSON');
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0].path).toBe('$');
      expect(result.shipmentId).toBeNull();
    });
  });

  describe('given a record over 256 KiB', () => {
    it('when it is one byte over, then it is TOO_LARGE without being parsed', () => {
      // given
      const bytes = Buffer.alloc(MAX_EVENT_BYTES + 1, 0x20);
      // when
      const result = expectFailure(parseShipmentEvent(bytes, Buffer.from('SHP-1')));
      // then
      expect(result.errorKind).toBe('TOO_LARGE');
      expect(result.issues[0].message).toContain(`${MAX_EVENT_BYTES + 1} bytes`);
      expect(result.shipmentId).toBe('SHP-1');
      expect(result.eventId).toBeNull();
    });

    it('when a valid event is padded to exactly 256 KiB, then it is accepted', () => {
      // given
      const json = JSON.stringify(aShipmentEvent('customs.prearrival.submitted'));
      const bytes = Buffer.from(json + ' '.repeat(MAX_EVENT_BYTES - Buffer.byteLength(json)));
      // when / then
      expect(bytes.byteLength).toBe(MAX_EVENT_BYTES);
      expect(parseShipmentEvent(bytes).ok).toBe(true);
    });

    it('when the size comes from multi-byte characters, then bytes (not characters) are counted', () => {
      // given: 100,000 characters of 3 bytes each
      const event = anEventWith('customs.prearrival.cancelled', (e) => (e.data.reason = '€'.repeat(100_000)));
      // when / then
      expect(expectFailure(parse(event)).errorKind).toBe('TOO_LARGE');
    });
  });

  describe('given JSON that is not a CloudEvent', () => {
    it.each([
      ['an array', [aShipmentEvent('customs.shipment.arrived')], 'got an array'],
      ['a number', 42, 'got a number'],
      ['a string', 'customs.shipment.arrived', 'got a string'],
      ['null', null, 'got null'],
    ])('when the value is %s, then it is NOT_CLOUDEVENT', (_label, value, text) => {
      // when
      const result = expectFailure(parse(value));
      // then
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(result.issues).toEqual([{ path: '$', message: expect.stringContaining(text) }]);
    });

    it('when specversion, id and source are missing, then each is reported', () => {
      // given
      const event = anEventWith('customs.shipment.arrived', (e) => {
        delete e.specversion;
        delete e.id;
        e.source = '';
      });
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(messageAt(result, 'specversion')).toBe('is required');
      expect(messageAt(result, 'id')).toBe('is required');
      expect(messageAt(result, 'source')).toMatch(/^must be a non-blank string/);
      expect(result.shipmentId).toBe(DEFAULT_SHIPMENT_ID);
      expect(result.eventId).toBeNull();
    });

    it('when specversion is 0.3, then it is NOT_CLOUDEVENT', () => {
      // given
      const event = anEventWith('customs.shipment.arrived', (e) => (e.specversion = '0.3'));
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(messageAt(result, 'specversion')).toBe('must be "1.0"');
    });

    it('when time is not RFC 3339, then it is NOT_CLOUDEVENT even if data is fine', () => {
      // given
      const event = anEventWith('customs.shipment.arrived', (e) => (e.time = '07/04/2026 08:00'));
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(issuePaths(result)).toEqual(['time']);
      expect(result.eventId).toBe(event.id);
    });

    it('when an extension attribute has an invalid name or a structured value, then it is NOT_CLOUDEVENT', () => {
      // given
      const event = anEventWith('customs.shipment.arrived', (e) => {
        e.Subject = 'typo';
        e['trace-id'] = 'x';
        e.extra = { nested: true };
      });
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(issuePaths(result)).toEqual(expect.arrayContaining(['Subject', 'extra', '["trace-id"]']));
      expect(result.issues).toHaveLength(3);
    });

    it('when the type is missing, then it is NOT_CLOUDEVENT (not UNKNOWN_TYPE)', () => {
      // given
      const event = anEventWith('customs.shipment.arrived', (e) => delete e.type);
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(result.eventType).toBeNull();
    });
  });

  describe('given a CloudEvent of a type this service does not consume', () => {
    it('when it is parsed, then it is UNKNOWN_TYPE and names the type', () => {
      // given
      const event = anEventWith('customs.shipment.arrived', (e) => (e.type = 'customs.shipment.departed'));
      // when
      const result = expectFailure(parse(event, 'KEY-1'));
      // then
      expect(result.errorKind).toBe('UNKNOWN_TYPE');
      expect(result.issues).toEqual([
        { path: 'type', message: expect.stringContaining('"customs.shipment.departed" is not a known event type') },
      ]);
      expect(result.eventType).toBe('customs.shipment.departed');
      expect(result.eventId).toBe(event.id);
      expect(result.shipmentId).toBe(DEFAULT_SHIPMENT_ID);
    });

    it('when the type only differs in case or version, then it is UNKNOWN_TYPE', () => {
      for (const type of ['Customs.Prearrival.Submitted', 'customs.prearrival.submitted.v2', 'constructor', '__proto__']) {
        const event = anEventWith('customs.prearrival.submitted', (e) => (e.type = type));
        expect(expectFailure(parse(event)).errorKind).toBe('UNKNOWN_TYPE');
      }
    });
  });

  describe('given a known type with invalid contract attributes or data', () => {
    it('when subject differs from data.shipmentId, then it is INVALID_DATA at subject', () => {
      // given
      const event = anEventWith('customs.prearrival.cancelled', (e) => (e.subject = 'SHP-OTHER'));
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(result.issues).toEqual([{ path: 'subject', message: 'must be equal to data.shipmentId' }]);
      expect(result.shipmentId).toBe(DEFAULT_SHIPMENT_ID);
    });

    it('when subject is missing, then it is required', () => {
      // given
      const event = anEventWith('customs.prearrival.cancelled', (e) => delete e.subject);
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(messageAt(result, 'subject')).toBe('is required');
    });

    it('when datacontenttype is not JSON, then it is INVALID_DATA', () => {
      // given
      const event = anEventWith('customs.prearrival.cancelled', (e) => (e.datacontenttype = 'application/xml'));
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(issuePaths(result)).toEqual(['datacontenttype']);
    });

    it.each([
      ['missing', undefined, 'is required'],
      ['null', null, 'must be an object, got null'],
      ['a JSON string', JSON.stringify(aCancellation()), 'must be an object, got a string'],
      ['an array', [aCancellation()], 'must be an object, got an array'],
    ])('when data is %s, then it is INVALID_DATA', (_label, data, message) => {
      // given
      const event = anEventWith('customs.prearrival.cancelled', (e) => (e.data = data));
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(messageAt(result, 'data')).toBe(message);
    });

    it('when binary data (data_base64) is sent, then it is INVALID_DATA', () => {
      // given
      const event = anEventWith('customs.prearrival.cancelled', (e) => {
        e.data_base64 = Buffer.from(JSON.stringify(e.data)).toString('base64');
        delete e.data;
      });
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('INVALID_DATA');
      expect(issuePaths(result)).toEqual(['data_base64', 'data']);
    });

    it('when the envelope and the data are both broken, then the most fundamental kind wins and all issues are listed', () => {
      // given
      const event = anEventWith('customs.shipment.arrived', (e) => {
        e.specversion = '2.0';
        e.data.entryLocation = 'jakarta';
      });
      // when
      const result = expectFailure(parse(event));
      // then
      expect(result.errorKind).toBe('NOT_CLOUDEVENT');
      expect(issuePaths(result).sort()).toEqual(['data.entryLocation', 'specversion']);
    });
  });

  describe('given a valid event whose Kafka key is another shipment', () => {
    it('then it is accepted for data.shipmentId (docs/contract.md#topics: the key only orders records)', () => {
      // given
      const event = aShipmentEvent('customs.prearrival.submitted');
      // when
      const result = parse(event, 'SHP-SOMEONE-ELSE');
      // then
      if (!result.ok) throw new Error(`expected a valid event, got ${JSON.stringify(result.issues)}`);
      expect(result.event.data.shipmentId).toBe(DEFAULT_SHIPMENT_ID);
      expect(result.event.subject).toBe(DEFAULT_SHIPMENT_ID);
    });
  });

  describe('given a failure, the shipment is named as well as it can be', () => {
    it('when data.shipmentId is valid, then it is used', () => {
      const event = anEventWith('customs.shipment.arrived', (e) => {
        e.subject = 'SUBJECT-1';
        e.data.arrivedAt = 'soon';
      });
      expect(expectFailure(parse(event, 'KEY-1')).shipmentId).toBe(DEFAULT_SHIPMENT_ID);
    });

    it('when data.shipmentId is invalid, then a valid subject is used', () => {
      const event = anEventWith('customs.shipment.arrived', (e) => {
        e.subject = 'SUBJECT-1';
        e.data.shipmentId = 'not a valid id!';
      });
      expect(expectFailure(parse(event, 'KEY-1')).shipmentId).toBe('SUBJECT-1');
    });

    it('when neither data.shipmentId nor subject is valid, then a valid key is used, else null', () => {
      const event = anEventWith('customs.shipment.arrived', (e) => {
        e.subject = 42;
        delete e.data.shipmentId;
      });
      expect(expectFailure(parse(event, 'KEY-1')).shipmentId).toBe('KEY-1');
      expect(expectFailure(parse(event, 'a key with spaces')).shipmentId).toBeNull();
      expect(expectFailure(parse(event, null)).shipmentId).toBeNull();
    });

    it('when id or type are not usable strings, then they are null', () => {
      const event = anEventWith('customs.shipment.arrived', (e) => {
        e.id = 'x'.repeat(257);
        e.type = 7;
      });
      const result = expectFailure(parse(event));
      expect(result.eventId).toBeNull();
      expect(result.eventType).toBeNull();
    });
  });

  it('given amended with amendment 1 and submitted with amendment 0, when parsed, then both are valid', () => {
    expect(parse(aShipmentEvent('customs.prearrival.amended', aDeclaration({ amendment: 1 }))).ok).toBe(true);
    expect(parse(aShipmentEvent('customs.prearrival.submitted', aDeclaration({ amendment: 0 }))).ok).toBe(true);
  });
});
