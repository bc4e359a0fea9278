/**
 * The property decorators the DTOs are written with. Each one is a single class-validator
 * constraint (`ValidateBy`) that checks the JavaScript type itself, so a wrong type
 * (string instead of object, null, array instead of object, ...) is reported as an issue
 * and never reaches code that would throw. Messages are written for people reading a DLQ
 * header or a REJECTED status: `is required` when the field is missing, otherwise
 * `must be <expectation>` plus the actual JSON type when that is what is wrong.
 */
// class-transformer's @Type reads design:type metadata; make the module self-contained.
import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidateNested, type ValidationArguments, type ValidationOptions } from 'class-validator';
import {
  HS_CODE_PATTERN,
  UN_LOCODE_PATTERN,
  UN_NUMBER_PATTERN,
  isCalendarDate,
  isCountryCode,
  isCurrencyCode,
  isRfc3339DateTime,
  isShipmentId,
} from './patterns';

type JsonKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** The JSON type of a parsed value, for messages. */
export function jsonKindOf(value: unknown): JsonKind | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' || t === 'object' ? t : 'undefined';
}

function article(kind: string): string {
  return kind === 'null' ? 'null' : /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/**
 * One constraint: `test` decides, `expectation` completes "must be ...". `kind` is the JSON
 * type a valid value has; when the actual value has another type the message says so.
 */
function rule(
  name: string,
  kind: JsonKind,
  expectation: string | ((args: ValidationArguments) => string),
  test: (value: unknown, args: ValidationArguments) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: test,
        defaultMessage: (args?: ValidationArguments) => {
          if (!args) return 'is invalid';
          if (args.value === undefined) return 'is required';
          const text = typeof expectation === 'string' ? expectation : expectation(args);
          const actual = jsonKindOf(args.value);
          return actual === kind ? `must be ${text}` : `must be ${text}, got ${article(actual)}`;
        },
      },
    },
    options,
  );
}

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The field may be absent. Unlike class-validator's `@IsOptional()` an explicit `null`
 * is NOT accepted: the typed contract has no nulls, so `null` is validated (and rejected).
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

/** A string of `min`..`max` UTF-16 characters that is not only white space. */
export function IsText(min: number, max: number): PropertyDecorator {
  return rule(
    'isText',
    'string',
    min === max ? `a string of ${min} characters` : `a non-blank string of ${min} to ${max} characters`,
    (v) => typeof v === 'string' && v.length >= min && v.length <= max && v.trim().length > 0,
  );
}

export function IsShipmentId(): PropertyDecorator {
  return rule('isShipmentId', 'string', 'a shipment id of 1-64 characters from A-Z a-z 0-9 . _ : -', isShipmentId);
}

export function IsCountryCode(): PropertyDecorator {
  return rule('isCountryCode', 'string', 'an ISO 3166-1 alpha-2 country code in upper case (e.g. BE)', isCountryCode);
}

export function IsCurrencyCode(): PropertyDecorator {
  return rule('isCurrencyCode', 'string', 'an ISO 4217 currency code in upper case (e.g. EUR)', isCurrencyCode);
}

export function IsUnLocode(): PropertyDecorator {
  return rule(
    'isUnLocode',
    'string',
    'a 5-character UN/LOCODE: country code + 3 of A-Z 2-9 (e.g. IDCGK)',
    (v) => typeof v === 'string' && UN_LOCODE_PATTERN.test(v),
  );
}

export function IsDateTime(): PropertyDecorator {
  return rule('isDateTime', 'string', 'an RFC 3339 date-time with offset (e.g. 2026-04-07T08:00:00Z)', isRfc3339DateTime);
}

export function IsCalendarDate(): PropertyDecorator {
  return rule('isCalendarDate', 'string', 'an existing calendar date YYYY-MM-DD (e.g. 2027-01-31)', isCalendarDate);
}

export function IsHsCode(): PropertyDecorator {
  return rule(
    'isHsCode',
    'string',
    'an HS code of 6 to 10 digits without dots (e.g. 300241)',
    (v) => typeof v === 'string' && HS_CODE_PATTERN.test(v),
  );
}

export function IsUnNumber(): PropertyDecorator {
  return rule(
    'isUnNumber',
    'string',
    'a UN number: UN followed by 4 digits (e.g. UN1845)',
    (v) => typeof v === 'string' && UN_NUMBER_PATTERN.test(v),
  );
}

export function IsOneOf(values: readonly string[]): PropertyDecorator {
  const allowed = new Set<unknown>(values);
  return rule('isOneOf', 'string', `one of ${values.join(', ')}`, (v) => allowed.has(v));
}

export function IsExactly(expected: string): PropertyDecorator {
  return rule('isExactly', 'string', `"${expected}"`, (v) => v === expected);
}

const JSON_MEDIA_TYPE = /^application\/json[ \t]*(;.*)?$/i;

/** `application/json`, optionally with parameters (`application/json; charset=utf-8`). */
export function IsJsonContentType(): PropertyDecorator {
  return rule('isJsonContentType', 'string', 'application/json', (v) => typeof v === 'string' && JSON_MEDIA_TYPE.test(v));
}

export function IsFlag(): PropertyDecorator {
  return rule('isFlag', 'boolean', 'true or false', (v) => typeof v === 'boolean');
}

/** An integer in [min, max] (JSON numbers only; "1" is not a number). */
export function IsIntegerIn(min: number, max: number, why = ''): PropertyDecorator {
  const suffix = why ? ` ${why}` : '';
  const text = min === max ? `${min}${suffix}` : `an integer from ${min} to ${max}${suffix}`;
  return rule('isIntegerIn', 'number', text, (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max);
}

/** A finite number (JSON.parse turns 1e400 into Infinity) above, or at least, `bound`. */
export function IsNumberFrom(bound: number, exclusive: boolean): PropertyDecorator {
  const text = exclusive ? `a number greater than ${bound}` : `a number greater than or equal to ${bound}`;
  return rule('isNumberFrom', 'number', text, (v) => typeof v === 'number' && Number.isFinite(v) && (exclusive ? v > bound : v >= bound));
}

/** This number must not be below the sibling property `other` (checked only when both are numbers). */
export function IsNotBelow(other: string): PropertyDecorator {
  return rule(
    'isNotBelow',
    'number',
    (args) => `greater than or equal to ${other} (${String((args.object as Record<string, unknown>)[other])})`,
    (v, args) => {
      const low = (args.object as Record<string, unknown>)[other];
      return typeof v !== 'number' || typeof low !== 'number' || !Number.isFinite(low) || v >= low;
    },
  );
}

/** An array of `min`..`max` strings of `textMin`..`textMax` characters each. */
export function IsTextList(min: number, max: number, textMin: number, textMax: number): PropertyDecorator {
  return rule(
    'isTextList',
    'array',
    `an array of ${min} to ${max} strings, each of ${textMin} to ${textMax} characters`,
    (v) =>
      Array.isArray(v) &&
      v.length >= min &&
      v.length <= max &&
      v.every((s) => typeof s === 'string' && s.length >= textMin && s.length <= textMax && s.trim().length > 0),
  );
}

/** A nested object validated as `type()`. Arrays and null are rejected here, not iterated. */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return compose(rule('isObject', 'object', 'an object', isPlainObject), ValidateNested({ message: 'must be an object' }), Type(type));
}

/**
 * An array of `min`..`max` objects, each validated as `type()`. Every entry must itself be
 * an object: class-validator would otherwise walk into nested arrays (`[[item]]`) and accept them.
 */
export function NestedList(type: () => new () => object, min: number, max: number): PropertyDecorator {
  return compose(
    rule(
      'isObjectList',
      'array',
      `an array of ${min} to ${max} objects`,
      (v) => Array.isArray(v) && v.length >= min && v.length <= max && v.every(isPlainObject),
    ),
    ValidateNested({ message: 'must be an object' }),
    Type(type),
    Transform(rememberSiblings, { toClassOnly: true }),
  );
}

/**
 * Each entry of a NestedList remembers its list (set by the list's @Transform while
 * class-transformer builds the instances), so a rule on an entry's property can compare the
 * entry with its siblings and report the duplicate at its own path (`items[3].lineNo`).
 */
const SIBLINGS = new WeakMap<object, readonly unknown[]>();

function rememberSiblings({ value }: { value: unknown }): unknown {
  if (Array.isArray(value)) {
    for (const entry of value) if (typeof entry === 'object' && entry !== null) SIBLINGS.set(entry, value);
  }
  return value;
}

function firstSiblingWith(object: object, property: string, value: unknown): number {
  const siblings = SIBLINGS.get(object);
  if (!siblings) return -1;
  for (let i = 0; i < siblings.length; i++) {
    const sibling = siblings[i];
    if (sibling === object) return -1;
    if (isPlainObject(sibling) && sibling[property] === value) return i;
  }
  return -1;
}

/**
 * The value (a number) is unique among the entries of the enclosing list: the second and
 * later entries with a value already used are reported, naming the first one.
 */
export function IsUniqueInList(): PropertyDecorator {
  return rule(
    'isUniqueInList',
    'number',
    (args) => `unique within the list; entry [${firstSiblingWith(args.object, args.property, args.value)}] has the same ${args.property}`,
    (v, args) => typeof v !== 'number' || firstSiblingWith(args.object, args.property, v) < 0,
  );
}

/** CloudEvent `subject` must equal `data.shipmentId` (compared only when data.shipmentId is a string). */
export function EqualsDataShipmentId(): PropertyDecorator {
  return rule('equalsDataShipmentId', 'string', 'equal to data.shipmentId', (v, args) => {
    const data = (args.object as { data?: unknown }).data;
    if (!isPlainObject(data) || typeof data.shipmentId !== 'string') return true;
    return v === data.shipmentId;
  });
}
