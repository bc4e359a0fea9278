import { isISO31661Alpha2, isISO4217CurrencyCode } from 'class-validator';
import schema from '../../schemas/shipment-events.schema.json';
import { PARTY_TYPES, SUPPORTING_DOCUMENT_TYPES, TRANSPORT_CHANNELS, TRANSPORT_DOCUMENT_TYPES, TRANSPORT_MODES } from '../declaration';
import { SHIPMENT_EVENT_TYPES } from '../shipment-events';
import { aDeclaration, aShipmentEvent, toRecordValue } from '../testing/declaration.factory';
import { EVENT_DEFINITIONS, duplicatesBy, explainEnvelope, isValidEnvelope } from './event-schema';
import { parseShipmentEvent } from './parse-shipment-event';
import { isCountryCode, isCurrencyCode } from './patterns';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

describe('the event schema (libs/contract/schemas/shipment-events.schema.json)', () => {
  it('given the TypeScript contract, then the schema lists the same event types and the same values of each enumeration', () => {
    expect([...EVENT_DEFINITIONS.keys()].sort()).toEqual([...SHIPMENT_EVENT_TYPES].sort());
    const properties = schema.definitions;
    expect(properties.Transport.properties.mode.enum).toEqual(TRANSPORT_MODES);
    expect(properties.Transport.properties.channel.enum).toEqual(TRANSPORT_CHANNELS);
    expect(properties.Transport.properties.documentType.enum).toEqual(TRANSPORT_DOCUMENT_TYPES);
    expect(properties.Party.properties.type.enum).toEqual(PARTY_TYPES);
    expect(properties.SupportingDocument.properties.type.enum).toEqual(SUPPORTING_DOCUMENT_TYPES);
    for (const type of SHIPMENT_EVENT_TYPES) {
      const definition = EVENT_DEFINITIONS.get(type) as keyof typeof properties;
      expect((properties[definition] as { properties: { type: { const: string } } }).properties.type.const).toBe(type);
    }
  });

  it('given every two-letter and three-letter code, then its country and currency lists are the ISO lists validator.js keeps', () => {
    for (const a of LETTERS) {
      for (const b of LETTERS) {
        expect([a + b, isCountryCode(a + b)]).toEqual([a + b, isISO31661Alpha2(a + b)]);
        for (const c of LETTERS) expect([a + b + c, isCurrencyCode(a + b + c)]).toEqual([a + b + c, isISO4217CurrencyCode(a + b + c)]);
      }
    }
    expect(isCountryCode('be')).toBe(false);
    expect(isCurrencyCode('eur')).toBe(false);
  });

  it('given text with characters outside the BMP, then lengths count UTF-16 code units (an emoji is two)', () => {
    const withUnit = (unit: string) => {
      const event = aShipmentEvent('customs.prearrival.submitted', aDeclaration());
      event.data.items[0].unit = unit;
      return parseShipmentEvent(toRecordValue(event));
    };
    expect(withUnit('\u{1F489}'.repeat(32)).ok).toBe(true); // 64 code units
    const result = withUnit('\u{1F489}'.repeat(33)); // 33 code points, 66 code units
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'data.items[0].unit', message: 'must be a non-blank string of 1 to 64 characters' },
    ]);
  });

  it('given a valid envelope, then the first-error and every-error validations agree that it is valid', () => {
    const event = aShipmentEvent('customs.shipment.arrived') as unknown as Record<string, unknown>;
    expect(isValidEnvelope(event, 'ArrivedEvent')).toBe(true);
    expect(explainEnvelope(event, 'ArrivedEvent')).toEqual([]);
  });

  it('given whole records with extension attributes, then the schema (as a producer would use it) agrees with the parser', () => {
    const withAttribute = (name: string, value: unknown): Record<string, unknown> => ({
      ...(aShipmentEvent('customs.prearrival.cancelled') as unknown as Record<string, unknown>),
      [name]: value,
    });
    const cases: [string, unknown][] = [
      ['traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
      ['partitionkey', null],
      ['ttl', 60],
      ['sampled', true],
      ['Traceparent', 'x'],
      ['correlation', { id: 1 }],
      ['data_base64', 'AAAA'],
    ];
    for (const [name, value] of cases) {
      const record = withAttribute(name, value);
      expect([name, isValidEnvelope(record, 'CancelledEvent')]).toEqual([name, parseShipmentEvent(toRecordValue(record)).ok]);
    }
  });

  it('given a list, when duplicates are looked for by a property, then each later entry with a number already used names the first', () => {
    const list = [{ lineNo: 1 }, { lineNo: 2 }, 'x', { lineNo: 1 }, { lineNo: '2' }, { lineNo: 2 }, { lineNo: 1 }];
    expect(duplicatesBy(list, 'lineNo')).toEqual([
      [3, 0],
      [5, 1],
      [6, 0],
    ]);
  });
});
