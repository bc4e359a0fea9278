/**
 * The inbound event schema (libs/contract/schemas/shipment-events.schema.json), compiled with
 * Ajv once, when this module is first loaded (at start-up). Nothing else decides whether an
 * event's attributes and data are valid.
 *
 * Two compilations of the same schema: `isValidEnvelope` stops at the first error (the hot
 * path: almost every record is valid); `explainEnvelope` collects every error, only for the
 * records that failed (./schema-issues turns them into the contract's messages).
 *
 * The schema's own keywords beyond JSON Schema (all documented in its description):
 *  - `x-expected`: an annotation, the end of the message "must be ...";
 *  - `x-equalTo`: a dotted path from the parent object to a value this one must equal, checked
 *    only when that value is a string (subject = data.shipmentId);
 *  - `x-notBelow`: a sibling number this one must not be below (maxC >= minC);
 *  - `x-uniqueBy`: a property whose numbers are unique among a list's entries (items' lineNo);
 *    each later entry with a value already used is an error at its own path.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { type DataValidationCxt } from 'ajv/dist/types';
import schema from '../../schemas/shipment-events.schema.json';
import { type ShipmentEventType } from '../shipment-events';
import { isCalendarDate, isRfc3339DateTime } from './patterns';

/** A definition of the schema that an envelope is validated against. */
export type EventDefinition = 'SubmittedEvent' | 'AmendedEvent' | 'CancelledEvent' | 'ArrivedEvent' | 'CloudEventAttributes';

/** The definition of each known type; an unknown type's envelope is checked as `CloudEventAttributes`. */
export const EVENT_DEFINITIONS: ReadonlyMap<string, EventDefinition> = new Map<ShipmentEventType, EventDefinition>([
  ['customs.prearrival.submitted', 'SubmittedEvent'],
  ['customs.prearrival.amended', 'AmendedEvent'],
  ['customs.prearrival.cancelled', 'CancelledEvent'],
  ['customs.shipment.arrived', 'ArrivedEvent'],
]);

/** The schema document, as loaded (read-only by convention; ./schema-issues walks it for messages). */
export const EVENT_SCHEMA: SchemaNode = schema as unknown as SchemaNode;

/** The parts of a schema object this library reads. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
  readonly 'x-expected'?: string;
  readonly 'x-equalTo'?: string;
  readonly 'x-notBelow'?: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at a dotted path below `object`, through plain objects only. */
function valueAtPath(object: unknown, path: readonly string[]): unknown {
  let value = object;
  for (const key of path) {
    if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** For each entry of `list` whose `property` is a number already used by an earlier entry: [its index, the first one's]. */
export function duplicatesBy(list: readonly unknown[], property: string): [number, number][] {
  const firstIndex = new Map<unknown, number>();
  const duplicates: [number, number][] = [];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (!isPlainObject(entry)) continue;
    const value = entry[property];
    if (typeof value !== 'number') continue;
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, i);
    else duplicates.push([i, first]);
  }
  return duplicates;
}

/** Escapes a key for a JSON pointer (RFC 6901), as Ajv writes instance paths. */
export function pointerSegment(key: string | number): string {
  const text = String(key);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

function compileSchema(options: { allErrors: boolean }): Ajv {
  const ajv = new Ajv({
    allErrors: options.allErrors,
    // Every schema keyword must be known and every type declared; a mistake in the schema fails at start-up.
    strict: true,
    allowUnionTypes: true,
    // JSON.parse turns 1e400 into Infinity: not a number of this contract.
    strictNumbers: true,
    // The long enumerations (countries, currencies) as a loop and each definition as one
    // function: start-up compiles about half as much code, validation is as fast.
    loopEnum: 20,
    inlineRefs: false,
    // Lengths count UTF-16 code units (docs/contract.md), not code points. Ajv marks this
    // option deprecated and warns about it on every instance; the logger is off for that
    // reason (strict mode throws rather than logs, so no other message is lost).
    unicode: false,
    logger: false,
  });
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  ajv.addFormat('date-time', { type: 'string', validate: isRfc3339DateTime });
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
  ajv.addKeyword({
    keyword: 'x-equalTo',
    schemaType: 'string',
    errors: false,
    validate: (path: string, data: unknown, _schema?: unknown, context?: DataValidationCxt) => {
      const other = valueAtPath(context?.parentData, path.split('.'));
      return typeof other !== 'string' || data === other;
    },
  });
  ajv.addKeyword({
    keyword: 'x-notBelow',
    schemaType: 'string',
    errors: false,
    validate: (sibling: string, data: unknown, _schema?: unknown, context?: DataValidationCxt) => {
      const low = valueAtPath(context?.parentData, [sibling]);
      return typeof data !== 'number' || typeof low !== 'number' || !Number.isFinite(low) || data >= low;
    },
  });
  const uniqueBy = (property: string, data: unknown, _schema?: unknown, context?: DataValidationCxt): boolean => {
    if (!Array.isArray(data)) return true;
    const duplicates = duplicatesBy(data, property);
    if (duplicates.length === 0) return true;
    uniqueBy.errors = duplicates.map(([index, first]): Partial<ErrorObject> => ({
      keyword: 'x-uniqueBy',
      instancePath: `${context?.instancePath ?? ''}/${index}/${pointerSegment(property)}`,
      params: { property, first },
      message: `must be unique within the list; entry [${first}] has the same ${property}`,
    }));
    return false;
  };
  uniqueBy.errors = [] as Partial<ErrorObject>[];
  ajv.addKeyword({ keyword: 'x-uniqueBy', schemaType: 'string', errors: true, validate: uniqueBy });
  ajv.addSchema(schema, 'shipment-events');
  return ajv;
}

function compileDefinitions(ajv: Ajv): ReadonlyMap<EventDefinition, ValidateFunction> {
  const definitions: EventDefinition[] = [...EVENT_DEFINITIONS.values(), 'CloudEventAttributes'];
  return new Map(
    definitions.map((name) => {
      const validate = ajv.getSchema(`shipment-events#/definitions/${name}`);
      if (!validate) throw new Error(`shipment-events.schema.json has no definition ${name}`);
      return [name, validate];
    }),
  );
}

const fast = compileDefinitions(compileSchema({ allErrors: false }));
const detailed = compileDefinitions(compileSchema({ allErrors: true }));

/** True when `envelope` is valid for `definition`; stops at the first error. */
export function isValidEnvelope(envelope: unknown, definition: EventDefinition): boolean {
  return (fast.get(definition) as ValidateFunction)(envelope);
}

/** Every error of `envelope` for `definition`; empty when valid. */
export function explainEnvelope(envelope: unknown, definition: EventDefinition): ErrorObject[] {
  const validate = detailed.get(definition) as ValidateFunction;
  return validate(envelope) ? [] : [...(validate.errors ?? [])];
}
