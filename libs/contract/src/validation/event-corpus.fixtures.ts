/**
 * A seeded corpus of inbound records for the validation specs: valid events of every type and
 * shape, and records broken in one known way each, with the verdict the generator expects
 * (derived from what it broke, not from the validator). Seeded (mulberry32): a failing case is
 * replayed by its seed. Test-only (a *.fixtures.ts file is not built into dist/).
 */
import { SHIPMENT_EVENT_TYPES, type ShipmentEventType } from '../shipment-events';
import { mulberry32, pick, type Random } from '../testing/random';
import { aDeclaration, aDocument, aDryIceItem, aShipmentEvent, aStandardItem, aSyringeItem, anItem } from '../testing/declaration.factory';
import { joinPath } from './issues';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Segment = string | number;

/** What the generator expects of a case: valid, or invalid of a kind with (at least) this issue. */
export type Expectation = { ok: true } | { ok: false; errorKind: string; path: string | RegExp; message: string | RegExp; only: boolean };

export interface CorpusCase {
  seed: number;
  /** What was done to a valid event, for failure messages and the spread check. */
  mutation: string;
  value: Buffer | null;
  key: Buffer | null;
  /** Absent for compound cases (several random edits): no single verdict is derived. */
  expected?: Expectation;
}

const TYPES = [...SHIPMENT_EVENT_TYPES] as ShipmentEventType[];
const CORE = new Set(['specversion', 'id', 'source', 'type', 'time', 'dataschema']);
const CONTRACT = new Set([...CORE, 'subject', 'datacontenttype', 'data']);
const isExtension = (slot: { path: readonly Segment[] }): boolean => !CONTRACT.has(String(slot.path[0]));
/** Required properties of the contract's objects (docs/contract.md#fields), by name. */
const REQUIRED_ATTRIBUTES = new Set(['data', 'specversion', 'id', 'source', 'subject']);
const REQUIRED_IN_DATA = new Set([
  'shipmentId',
  'amendment',
  'transport',
  'route',
  'parties',
  'items',
  'mode',
  'channel',
  'documentType',
  'documentNumber',
  'originCountry',
  'entryLocation',
  'estimatedArrival',
  'consignor',
  'consignee',
  'name',
  'country',
  'lineNo',
  'hsCode',
  'description',
  'quantity',
  'unit',
  'grossMassKg',
  'amount',
  'currency',
  'minC',
  'maxC',
  'unNumber',
  'reference',
  'reason',
  'arrivedAt',
]);
/** Whether the property at `path` is required (a document's `type` is, a party's is not). */
function isRequired(path: readonly Segment[]): boolean {
  const key = String(path[path.length - 1]);
  if (path.length === 1) return REQUIRED_ATTRIBUTES.has(key);
  if (key === 'type') return path[path.length - 3] === 'documents';
  return REQUIRED_IN_DATA.has(key);
}
const ENUMS = new Set(['mode', 'channel', 'documentType']);
const DATE_TIMES = new Set(['time', 'estimatedArrival', 'arrivedAt']);
const RESERVED_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const UNKNOWN_KEYS = ['extra', 'expiryDte', 'storageTemp', '0', '7', 'a b', 'Data', 'x'.repeat(80), 'ttl', 'comment'];
/** A marker replaced by a number JSON.parse reads as Infinity (JSON.stringify cannot write one). */
const INFINITY = '@@INFINITY@@';
const EMOJI = '\u{1F489}'; // two UTF-16 code units

/** A valid event of a random type and shape. */
function aValidEvent(random: Random, seed: number): Json {
  const type = pick(random, TYPES);
  let event: Json;
  if (type === 'customs.prearrival.submitted' || type === 'customs.prearrival.amended') {
    const builders = [anItem, aStandardItem, aSyringeItem, aDryIceItem];
    const count = 1 + Math.floor(random() * 4);
    const items = Array.from({ length: count }, (_, i) => pick(random, builders)({ lineNo: i + 1 }));
    const documents = random() < 0.2 ? undefined : [aDocument()];
    const declaration = aDeclaration({
      shipmentId: `SHP-${seed}`,
      items,
      documents,
      amendment: type === 'customs.prearrival.amended' ? Math.floor(random() * 3) : 0,
    });
    if (random() < 0.3) delete (declaration as Json).parties.declarant;
    if (random() < 0.2) (declaration as Json).parties.consignor.name = `${EMOJI.repeat(60)} Pharma`; // 120 code units: a valid name
    event = aShipmentEvent(type, declaration);
  } else {
    event = aShipmentEvent(type);
  }
  event.id = `evt-${seed}`;
  if (random() < 0.3) delete event.time;
  if (random() < 0.3) delete event.datacontenttype;
  else if (random() < 0.2) event.datacontenttype = 'Application/JSON; charset=utf-8';
  if (random() < 0.2) event.traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  if (random() < 0.1) event.partitionkey = null;
  if (random() < 0.1) event.dataschema = 'urn:customs:schemas:shipment-events:v1';
  return event;
}

interface Slot {
  parent: Json;
  key: Segment;
  path: Segment[];
}

/** Every property and entry of `value`, with its path. */
function slots(value: Json, path: Segment[] = [], out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      out.push({ parent: value, key: i, path: [...path, i] });
      slots(entry, [...path, i], out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      out.push({ parent: value, key, path: [...path, key] });
      slots(value[key], [...path, key], out);
    }
  }
  return out;
}

function pathText(path: readonly Segment[]): string {
  return path.reduce<string>((p, segment) => joinPath(p, segment, typeof segment === 'number'), '');
}

/** The path of the field a value belongs to: a list entry's field is its list. */
function fieldPath(slot: Slot): Segment[] {
  const path = [...slot.path];
  while (typeof path[path.length - 1] === 'number') path.pop();
  return path;
}

const kindOf = (path: readonly Segment[]): string => (path.length === 1 && CORE.has(String(path[0])) ? 'NOT_CLOUDEVENT' : 'INVALID_DATA');
const invalid = (path: readonly Segment[], message: string | RegExp, only = true): Expectation => ({
  ok: false,
  errorKind: kindOf(path),
  path: pathText(path),
  message,
  only,
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies one targeted edit to `event` and says what it must give; null when the edit does not apply to the drawn slot. */
function breakOnce(event: Json, random: Random): { mutation: string; expected: Expectation } | null {
  // Top-level: the contract's attributes only (extension attributes are accepted whatever their scalar value), not `type`.
  const all = slots(event).filter((s) => !(s.path.length === 1 && (s.key === 'type' || !CONTRACT.has(String(s.key)))) && !isExtension(s));
  const slot = pick(random, all);
  const { parent, key } = slot;
  const current = parent[key];
  const inData = slot.path[0] === 'data';
  // Editing data.shipmentId also breaks subject's equality with it; those edits are left out.
  const isShipmentIdOfData = slot.path.length === 2 && inData && key === 'shipmentId';
  switch (Math.floor(random() * 12)) {
    case 0: {
      if (typeof key !== 'string' || !isRequired(slot.path)) return null;
      delete parent[key];
      return { mutation: `missing ${pathText(slot.path)}`, expected: invalid(slot.path, 'is required') };
    }
    case 1: {
      if (!isObject(current) || slot.path.length === 0) return null;
      const name = pick(random, UNKNOWN_KEYS);
      if (name in current) return null;
      current[name] = 1;
      return {
        mutation: `unknown property in ${pathText(slot.path)}`,
        expected: invalid([...slot.path, name], 'is not a known property of this contract'),
      };
    }
    case 2: {
      if (isShipmentIdOfData || (typeof current !== 'string' && typeof current !== 'number' && typeof current !== 'boolean')) return null;
      const replacement = typeof current === 'string' ? 5 : 'five';
      parent[key] = replacement;
      const field = fieldPath(slot);
      const message = field.length === slot.path.length ? new RegExp(`^must be .+, got a ${typeof replacement}$`) : /^must be an array of /;
      return { mutation: `wrong type at ${pathText(slot.path)}`, expected: invalid(field, message) };
    }
    case 3: {
      if (isShipmentIdOfData || Array.isArray(parent)) return null;
      parent[key] = null;
      return { mutation: `null at ${pathText(slot.path)}`, expected: invalid(slot.path, /^must be .+, got null$/) };
    }
    case 4: {
      if (typeof key !== 'string' || !(ENUMS.has(key) || (key === 'type' && inData))) return null;
      parent[key] = 'BOGUS';
      return { mutation: `bad enum at ${pathText(slot.path)}`, expected: invalid(slot.path, /^must be one of /) };
    }
    case 5: {
      if (typeof key !== 'string' || !(DATE_TIMES.has(key) || key === 'expiryDate')) return null;
      parent[key] =
        key === 'expiryDate'
          ? pick(random, ['2027-02-30', '2027-13-01', '27-01-31'])
          : pick(random, ['2026-02-30T08:00:00Z', '2026-04-07t08:00:00z', '2026-04-07T08:00:60Z', '2026-04-07 08:00:00Z']);
      return {
        mutation: `bad date at ${pathText(slot.path)}`,
        expected: invalid(slot.path, /^must be an (RFC 3339 date-time|existing calendar date)/),
      };
    }
    case 6: {
      if (isShipmentIdOfData || typeof current !== 'string') return null;
      parent[key] = pick(random, ['x'.repeat(600), EMOJI.repeat(300), '   ', '']);
      const field = fieldPath(slot);
      return { mutation: `oversized or blank string at ${pathText(slot.path)}`, expected: invalid(field, /^must be /) };
    }
    case 7: {
      if (!isObject(current) || !inData) return null;
      const name = pick(random, RESERVED_KEYS);
      Object.defineProperty(current, name, { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
      return {
        mutation: `reserved key ${name} in ${pathText(slot.path)}`,
        expected: invalid([...slot.path, name], 'is a reserved property name and not allowed'),
      };
    }
    case 8: {
      if (!inData || isShipmentIdOfData || Array.isArray(parent)) return null;
      const garbage = random() < 0.5;
      let deep: Json = 1;
      for (let i = 0; i < 12; i++) deep = [deep];
      parent[key] = garbage ? deep : Array.from({ length: 1001 }, () => 0);
      return {
        mutation: `nested garbage at ${pathText(slot.path)}`,
        expected: {
          ok: false,
          errorKind: 'INVALID_DATA',
          path: new RegExp(`^${pathText(slot.path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
          message: garbage ? /^is nested more than 10 levels deep$/ : /^has 1001 entries/,
          only: true,
        },
      };
    }
    case 9: {
      if (typeof current !== 'string' || (slot.path.length === 1 && slot.key === 'specversion') || isShipmentIdOfData) return null;
      parent[key] = `${current}\u0000`;
      return { mutation: `NUL at ${pathText(slot.path)}`, expected: invalid(slot.path, /^contains a NUL character/) };
    }
    case 10: {
      if (typeof current !== 'number' || Array.isArray(parent)) return null;
      parent[key] = INFINITY;
      return { mutation: `1e400 at ${pathText(slot.path)}`, expected: invalid(slot.path, /^must be /) };
    }
    default: {
      // The cross-field rules.
      const data = event.data;
      const rule = Math.floor(random() * 4);
      if (rule === 0) {
        event.subject = 'SHP-SOMEONE-ELSE';
        return { mutation: 'subject differs from data.shipmentId', expected: invalid(['subject'], 'must be equal to data.shipmentId') };
      }
      if (!isObject(data) || !Array.isArray(data.items) || !isObject(data.items[0])) return null;
      if (rule === 1) {
        data.items.push({ ...data.items[0] });
        const index = data.items.length - 1;
        return {
          mutation: 'duplicate lineNo',
          expected: invalid(['data', 'items', index, 'lineNo'], 'must be unique within the list; entry [0] has the same lineNo'),
        };
      }
      if (rule === 2) {
        data.items[0].storageTemperature = { minC: 8, maxC: 2 };
        return {
          mutation: 'maxC below minC',
          expected: invalid(['data', 'items', 0, 'storageTemperature', 'maxC'], 'must be greater than or equal to minC (8)'),
        };
      }
      if (event.type !== 'customs.prearrival.submitted') return null;
      data.amendment = 2;
      return {
        mutation: 'amendment 2 on submitted',
        expected: invalid(['data', 'amendment'], 'must be 0 on customs.prearrival.submitted'),
      };
    }
  }
}

/** A declaration whose 300 items each break several rules: far more issues than are listed. */
function manyBrokenItems(): Buffer {
  const event: Json = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: 'SHP-MANY' }));
  event.data.items = Array.from({ length: 300 }, (_, i) => ({
    lineNo: i % 7,
    hsCode: 'x',
    description: '',
    quantity: -1,
    unit: 5,
    value: { amount: -1, currency: 'XX', note: 1 },
    storageTemperature: { minC: 9, maxC: 1 },
  }));
  event.data.transport = [];
  return encode(event);
}

const RAW_CASES: { mutation: string; value: () => Buffer | null; expected: Expectation }[] = [
  {
    mutation: 'many broken items',
    value: manyBrokenItems,
    expected: { ok: false, errorKind: 'INVALID_DATA', path: '$', message: /^\d+ more issue\(s\) not listed$/, only: false },
  },
  { mutation: 'tombstone', value: () => null, expected: { ok: false, errorKind: 'NOT_JSON', path: '$', message: /tombstone/, only: true } },
  {
    mutation: 'not JSON',
    value: () => Buffer.from('{"specversion": "1.0",'),
    expected: { ok: false, errorKind: 'NOT_JSON', path: '$', message: /^record value is not valid JSON/, only: true },
  },
  {
    mutation: 'not UTF-8',
    value: () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    expected: { ok: false, errorKind: 'NOT_JSON', path: '$', message: 'record value is not valid UTF-8', only: true },
  },
  {
    mutation: 'a JSON number',
    value: () => Buffer.from('5'),
    expected: {
      ok: false,
      errorKind: 'NOT_CLOUDEVENT',
      path: '$',
      message: 'must be a JSON object (a CloudEvent), got a number',
      only: true,
    },
  },
  {
    mutation: 'a JSON array',
    value: () => Buffer.from('[{}]'),
    expected: {
      ok: false,
      errorKind: 'NOT_CLOUDEVENT',
      path: '$',
      message: 'must be a JSON object (a CloudEvent), got an array',
      only: true,
    },
  },
  {
    mutation: 'JSON null',
    value: () => Buffer.from('null'),
    expected: { ok: false, errorKind: 'NOT_CLOUDEVENT', path: '$', message: 'must be a JSON object (a CloudEvent), got null', only: true },
  },
  {
    mutation: 'a JSON string',
    value: () => Buffer.from('"evt"'),
    expected: {
      ok: false,
      errorKind: 'NOT_CLOUDEVENT',
      path: '$',
      message: 'must be a JSON object (a CloudEvent), got a string',
      only: true,
    },
  },
  {
    mutation: 'too large',
    value: () => Buffer.alloc(256 * 1024 + 1, 0x20),
    expected: { ok: false, errorKind: 'TOO_LARGE', path: '$', message: /^record value is 262145 bytes/, only: true },
  },
];

/** Envelope-level edits: unknown types, extension attributes. */
function breakEnvelope(event: Json, random: Random): { mutation: string; expected: Expectation } {
  switch (Math.floor(random() * 4)) {
    case 0:
      event.type = 'customs.other';
      return {
        mutation: 'unknown type',
        expected: { ok: false, errorKind: 'UNKNOWN_TYPE', path: 'type', message: /is not a known event type/, only: true },
      };
    case 1:
      event.Traceparent = 'x';
      return {
        mutation: 'extension with upper case',
        expected: {
          ok: false,
          errorKind: 'NOT_CLOUDEVENT',
          path: 'Traceparent',
          message: /^is not a valid CloudEvents attribute name/,
          only: true,
        },
      };
    case 2:
      event.correlation = { id: 1 };
      return {
        mutation: 'extension object',
        expected: {
          ok: false,
          errorKind: 'NOT_CLOUDEVENT',
          path: 'correlation',
          message: /^is an extension attribute and must be/,
          only: true,
        },
      };
    default:
      event.data_base64 = 'AAAA';
      return {
        mutation: 'data_base64',
        expected: { ok: false, errorKind: 'INVALID_DATA', path: 'data_base64', message: /^binary data is not accepted/, only: true },
      };
  }
}

function encode(event: Json): Buffer {
  return Buffer.from(JSON.stringify(event).split(`"${INFINITY}"`).join('1e400'), 'utf8');
}

/**
 * The case of `seed`: a valid event (one in ten), a record broken in one known way, a raw
 * record (not JSON, not an object, too large), or (one in five) a compound of several random
 * edits without a derived verdict.
 */
export function corpusCase(seed: number): CorpusCase {
  const random = mulberry32(seed);
  const key = random() < 0.5 ? Buffer.from('SHP-KEY-1') : null;
  const draw = seed % 20;
  if (draw === 0) {
    const raw = RAW_CASES[Math.floor(seed / 20) % RAW_CASES.length];
    return { seed, mutation: raw.mutation, value: raw.value(), key, expected: raw.expected };
  }
  const event = aValidEvent(random, seed);
  if (draw < 3) return { seed, mutation: 'valid', value: encode(event), key, expected: { ok: true } };
  if (draw === 3) {
    const { mutation, expected } = breakEnvelope(event, random);
    return { seed, mutation, value: encode(event), key, expected };
  }
  if (draw >= 16) {
    const edits = 2 + Math.floor(random() * 3);
    const done: string[] = [];
    for (let i = 0; i < edits; i++) {
      const edit = breakOnce(event, random) ?? breakEnvelope(event, random);
      done.push(edit.mutation);
    }
    return { seed, mutation: `compound: ${done.join('; ')}`, value: encode(event), key };
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const copy = structuredClone(event) as Json;
    const edit = breakOnce(copy, random);
    if (edit) return { seed, mutation: edit.mutation, value: encode(copy), key, expected: edit.expected };
  }
  return { seed, mutation: 'valid', value: encode(event), key, expected: { ok: true } };
}
