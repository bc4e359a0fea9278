/**
 * Differential test of the in-place hydration + validity pre-check (./hydrate,
 * ./validity-check) against the implementation they replaced: class-transformer's
 * `plainToInstance` followed by `validateSync` on every record. `previousParseShipmentEvent`
 * below is that implementation, kept here only as the oracle. For thousands of seeded random
 * mutations of valid events, both must give exactly the same result: ok flag, errorKind,
 * issues (paths, messages, order), ids, and for valid events the same plain event.
 */
import { plainToInstance } from 'class-transformer';
import { type ValidatorOptions, validateSync } from 'class-validator';
import { SHIPMENT_EVENT_TYPES, type ShipmentEvent, type ShipmentEventType } from '../shipment-events';
import { mulberry32, pick, type Random } from '../testing/random';
import {
  aDeclaration,
  aDocument,
  aDryIceItem,
  aShipmentEvent,
  aStandardItem,
  aSyringeItem,
  anItem,
  toRecordValue,
} from '../testing/declaration.factory';
import { jsonKindOf } from './decorators';
import { IssueCollector, flattenValidationErrors, joinPath } from './issues';
import { MAX_EVENT_BYTES, type ParseErrorKind, type ParsedShipmentEvent, parseShipmentEvent } from './parse-shipment-event';
import { type Json } from './parse-test-helpers';
import { isShipmentId } from './patterns';
import {
  AmendedEventDto,
  ArrivedEventDto,
  CLOUDEVENT_CORE_ATTRIBUTES,
  CancelledEventDto,
  CloudEventAttributesDto,
  MAX_ATTRIBUTE_LENGTH,
  SubmittedEventDto,
} from './shipment-event.dto';
import { checkStructure } from './structure-guard';

// ---------------------------------------------------------------------------------------
// The oracle: parseShipmentEvent as it was before the in-place hydration.
// ---------------------------------------------------------------------------------------

const EVENT_DTOS = new Map<string, new () => object>([
  ['customs.prearrival.submitted', SubmittedEventDto],
  ['customs.prearrival.amended', AmendedEventDto],
  ['customs.prearrival.cancelled', CancelledEventDto],
  ['customs.shipment.arrived', ArrivedEventDto],
]);
const CONTRACT_ATTRIBUTES = new Set([...CLOUDEVENT_CORE_ATTRIBUTES, 'subject', 'datacontenttype', 'data']);
const EXTENSION_NAME = /^[a-z0-9]+$/;
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};
const TRANSFORM_OPTIONS = { enableImplicitConversion: false, exposeDefaultValues: false } as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });
type Failure = Extract<ParsedShipmentEvent, { ok: false }>;

function previousParseShipmentEvent(value: Buffer | null, key?: Buffer | null): ParsedShipmentEvent {
  const keyShipmentId = shipmentIdFromKey(key);
  const fail = (errorKind: ParseErrorKind, path: string, message: string): Failure => ({
    ok: false,
    errorKind,
    issues: [{ path, message }],
    shipmentId: keyShipmentId,
    eventId: null,
    eventType: null,
  });
  if (value === null || value === undefined) {
    return fail('NOT_JSON', '$', 'record value is null (a tombstone); expected a CloudEvent JSON object');
  }
  if (!(value instanceof Uint8Array)) return fail('NOT_JSON', '$', 'record value is not a byte buffer');
  if (value.byteLength > MAX_EVENT_BYTES) {
    return fail('TOO_LARGE', '$', `record value is ${value.byteLength} bytes; the limit is ${MAX_EVENT_BYTES} bytes (256 KiB)`);
  }
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return fail('NOT_JSON', '$', 'record value is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'parse error';
    return fail('NOT_JSON', '$', `record value is not valid JSON: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = jsonKindOf(parsed);
    const got = kind === 'null' ? 'null' : kind === 'array' ? 'an array' : `a ${kind}`;
    return fail('NOT_CLOUDEVENT', '$', `must be a JSON object (a CloudEvent), got ${got}`);
  }
  return previousValidateRecord(parsed as Record<string, unknown>, keyShipmentId);
}

function previousValidateRecord(record: Record<string, unknown>, keyShipmentId: string | null): ParsedShipmentEvent {
  const issues = new IssueCollector();
  let notCloudEvent = false;
  let invalidData = false;
  let unknownType = false;
  const envelope: Record<string, unknown> = {};
  for (const name of Object.keys(record)) {
    const attribute = record[name];
    if (CONTRACT_ATTRIBUTES.has(name)) {
      envelope[name] = attribute;
    } else if (name === 'data_base64') {
      invalidData = true;
      issues.add(name, 'binary data is not accepted; send the Declaration as a JSON object in "data"');
    } else if (!EXTENSION_NAME.test(name)) {
      notCloudEvent = true;
      issues.add(joinPath('', name), 'is not a valid CloudEvents attribute name (lower-case letters and digits only)');
    } else if (typeof attribute === 'object' && attribute !== null) {
      notCloudEvent = true;
      issues.add(name, 'is an extension attribute and must be a string, number or boolean');
    }
  }
  const type = envelope.type;
  const knownDto = typeof type === 'string' ? EVENT_DTOS.get(type) : undefined;
  if (!knownDto) {
    delete envelope.subject;
    delete envelope.datacontenttype;
    delete envelope.data;
  }
  let structuralIssues = 0;
  for (const name of Object.keys(envelope)) {
    const found = checkStructure(envelope[name], name, issues, 1);
    if (found === 0) continue;
    structuralIssues += found;
    if (CLOUDEVENT_CORE_ATTRIBUTES.has(name)) notCloudEvent = true;
    else invalidData = true;
  }
  if (structuralIssues === 0) {
    try {
      const instance = plainToInstance(knownDto ?? CloudEventAttributesDto, envelope, TRANSFORM_OPTIONS) as object;
      const errors = validateSync(instance, VALIDATOR_OPTIONS);
      for (const error of errors) {
        if (CLOUDEVENT_CORE_ATTRIBUTES.has(error.property)) notCloudEvent = true;
        else invalidData = true;
      }
      flattenValidationErrors(errors, '', issues);
    } catch (error) {
      invalidData = true;
      issues.add('$', `could not be validated: ${error instanceof Error ? error.message.slice(0, 200) : 'unexpected error'}`);
    }
  }
  if (!knownDto && typeof type === 'string' && type.length > 0 && type.length <= MAX_ATTRIBUTE_LENGTH) {
    unknownType = true;
    issues.add('type', `"${type.slice(0, 100)}" is not a known event type; expected one of ${SHIPMENT_EVENT_TYPES.join(', ')}`);
  }
  if (!notCloudEvent && !unknownType && !invalidData && issues.count === 0) {
    const event: Record<string, unknown> = {
      specversion: envelope.specversion,
      id: envelope.id,
      source: envelope.source,
      type: envelope.type,
    };
    if (envelope.time !== undefined) event.time = envelope.time;
    event.subject = envelope.subject;
    if (envelope.datacontenttype !== undefined) event.datacontenttype = envelope.datacontenttype;
    event.data = envelope.data;
    return { ok: true, event: event as unknown as ShipmentEvent };
  }
  return {
    ok: false,
    errorKind: notCloudEvent ? 'NOT_CLOUDEVENT' : unknownType ? 'UNKNOWN_TYPE' : 'INVALID_DATA',
    issues: issues.result(),
    shipmentId: bestShipmentId(record, keyShipmentId),
    eventId: boundedString(record.id),
    eventType: boundedString(record.type),
  };
}

function boundedString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ATTRIBUTE_LENGTH ? value : null;
}

function bestShipmentId(record: Record<string, unknown>, keyShipmentId: string | null): string | null {
  const data = record.data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const fromData = (data as Record<string, unknown>).shipmentId;
    if (isShipmentId(fromData)) return fromData;
  }
  if (isShipmentId(record.subject)) return record.subject;
  return keyShipmentId;
}

function shipmentIdFromKey(key: Buffer | null | undefined): string | null {
  if (!key || key.byteLength === 0 || key.byteLength > 64) return null;
  const text = key.toString('utf8');
  return isShipmentId(text) ? text : null;
}

// ---------------------------------------------------------------------------------------
// Seeded random mutations of valid events.
// ---------------------------------------------------------------------------------------

// Seeded (mulberry32), so a failure can be replayed by its seed.
const generator = mulberry32;

const TYPES = [...SHIPMENT_EVENT_TYPES] as ShipmentEventType[];

function aValidEvent(random: Random): Json {
  const type = pick(random, TYPES);
  if (type !== 'customs.prearrival.submitted' && type !== 'customs.prearrival.amended') return aShipmentEvent(type);
  const builders = [anItem, aStandardItem, aSyringeItem, aDryIceItem];
  const count = 1 + Math.floor(random() * 4);
  const items = Array.from({ length: count }, (_, i) => pick(random, builders)({ lineNo: i + 1 }));
  const documents = random() < 0.2 ? undefined : [aDocument()];
  const declaration = aDeclaration({
    items,
    documents,
    amendment: type === 'customs.prearrival.amended' ? 1 + Math.floor(random() * 3) : 0,
  });
  return aShipmentEvent(type, declaration);
}

/** Every container and leaf of `value`, as [parent, key] pairs. */
function slots(value: Json, out: [Json, string | number][] = []): [Json, string | number][] {
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      out.push([value, i]);
      slots(entry, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      out.push([value, key]);
      slots(value[key], out);
    }
  }
  return out;
}

const ODD_VALUES: (() => Json)[] = [
  () => null,
  () => '',
  () => '   ',
  () => 'x',
  () => 'UN1845',
  () => '2026-02-30',
  () => '2026-04-07T08:00:00Z',
  () => 'BE',
  () => 'EUR',
  () => 'x'.repeat(600),
  () => 0,
  () => -1,
  () => 1.5,
  () => 1,
  () => 2147483648,
  () => -300,
  () => true,
  () => false,
  () => ({}),
  () => [],
  () => [{}],
  () => [null],
  () => [1, 2],
  () => [[]],
  () => ({ a: 1 }),
  () => ({ name: 'Acme', country: 'BE' }),
  () => ({ amount: 1, currency: 'EUR' }),
  () => ({ minC: 2, maxC: 8 }),
  () => [anItem()],
  () => anItem({ lineNo: 2 }),
];

const EXTRA_KEYS = [
  'extra',
  'expiryDte',
  '0',
  '7',
  'a b',
  'Data',
  'x'.repeat(80),
  'toString',
  'ttl',
  'traceparent',
  'data_base64',
  'Upper',
];

function mutate(event: Json, random: Random): void {
  const all = slots(event);
  const [parent, key] = pick(random, all);
  const current = parent[key];
  switch (Math.floor(random() * 10)) {
    case 0: // missing field
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 1: // wrong type / odd value
    case 2:
      parent[key] = pick(random, ODD_VALUES)();
      break;
    case 3: // nested null
      parent[key] = null;
      break;
    case 4: // array where an object is expected (and the reverse)
      parent[key] = Array.isArray(current) ? (current[0] ?? {}) : [current];
      break;
    case 5: {
      // extra field next to this one, or inside this object
      const target = typeof current === 'object' && current !== null && !Array.isArray(current) && random() < 0.5 ? current : parent;
      if (!Array.isArray(target)) target[pick(random, EXTRA_KEYS)] = pick(random, ODD_VALUES)();
      else target.push(pick(random, ODD_VALUES)());
      break;
    }
    case 6: // a number as a string, a string as a number
      parent[key] = typeof current === 'number' ? String(current) : typeof current === 'string' ? current.length : current;
      break;
    case 7: // duplicate an array entry (duplicate lineNo) or empty the array
      if (Array.isArray(current)) {
        if (random() < 0.5 && current.length > 0) current.push(structuredClone(current[0]));
        else current.length = 0;
      } else if (Array.isArray(parent)) {
        parent.push(structuredClone(current));
      } else parent[key] = structuredClone(current);
      break;
    case 8: // another event type, or an unknown one
      event.type = random() < 0.8 ? pick(random, TYPES) : pick(random, ['customs.other', '', 5, null]);
      break;
    default: // subject / shipmentId / amendment edits
      if (random() < 0.5) event.subject = pick(random, ['SHP-OTHER', 'bad id!', undefined, 5]);
      else if (event.data && typeof event.data === 'object') event.data.amendment = pick(random, [0, 1, -1, 'x', 1.5, undefined]);
  }
}

describe('parseShipmentEvent (in-place hydration + validity pre-check) against plainToInstance + validateSync', () => {
  it('given thousands of seeded random mutations of valid events, then both give exactly the same result', () => {
    const cases = 4000;
    let accepted = 0;
    const kinds = new Map<string, number>();
    for (let seed = 1; seed <= cases; seed++) {
      // given
      const random = generator(seed);
      const event = aValidEvent(random);
      const edits = seed % 10 === 0 ? 0 : 1 + Math.floor(random() * 3); // every tenth stays valid
      for (let k = 0; k < edits; k++) mutate(event, random);
      const value = toRecordValue(event);
      const key = random() < 0.5 ? Buffer.from('SHP-KEY-1') : null;
      // when
      const actual = parseShipmentEvent(value, key);
      const expected = previousParseShipmentEvent(value, key);
      // then (toStrictEqual: a valid event is made of plain objects, as before)
      try {
        expect(actual).toStrictEqual(expected);
      } catch (error) {
        throw new Error(`seed ${seed}: ${value.toString('utf8').slice(0, 2000)}\n${String(error)}`);
      }
      if (actual.ok) accepted++;
      else kinds.set(actual.errorKind, (kinds.get(actual.errorKind) ?? 0) + 1);
    }
    // The mutations exercise both sides and every error kind that validation decides.
    expect(accepted).toBeGreaterThan(cases / 10);
    expect(kinds.get('INVALID_DATA')).toBeGreaterThan(cases / 4);
    expect(kinds.get('NOT_CLOUDEVENT')).toBeGreaterThan(0);
    expect(kinds.get('UNKNOWN_TYPE')).toBeGreaterThan(0);
  });

  it('given a valid event, then the returned event holds no DTO prototypes', () => {
    const result = parseShipmentEvent(toRecordValue(aShipmentEvent('customs.prearrival.submitted')));
    if (!result.ok) throw new Error('expected a valid event');
    const walk = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(value));
      Object.values(value).forEach(walk);
    };
    walk(result.event);
  });
});
