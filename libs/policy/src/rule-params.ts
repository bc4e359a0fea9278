import { normaliseHsCode } from './normalise';
import { type RulesetValidationError } from './ruleset-validation';
import { isReferenceListName, REFERENCE_LIST_NAMES, type ReferenceListName } from './types';

/**
 * The parameters of a rule kind, declared once: each `param.*` below checks a value of a ruleset
 * document (the messages operators read on HTTP 422) and carries the TypeScript type the kind's
 * compile function receives (`ParamsOf`). A small builder of our own rather than a JSON Schema
 * library, so the messages stay exactly those of the API and HS prefixes are compared as they match.
 */

/** One parameter: how a value given for it is checked, and its default. `T` is the checked value's type. */
export interface ParamSchema<T> {
  /** Checks a value; pushes every problem (with its path) to `errors`, returns the clean value (a copy of an array). */
  read(path: string, value: unknown, errors: RulesetValidationError[]): T | undefined;
  /** A fresh copy of the value used when the parameter is left out; absent: the parameter is required. */
  readonly defaultValue?: () => T;
}

/** A rule kind's parameters by name, in the order they are checked and listed. */
export type ParamSchemas = Readonly<Record<string, ParamSchema<unknown>>>;

/** The checked parameters of a rule, typed from its kind's schemas. */
export type ParamsOf<S extends ParamSchemas> = { [K in keyof S]: S[K] extends ParamSchema<infer T> ? T : never };

const MAX_ARRAY_ITEMS = 1000;
const HS_PREFIX = /^[0-9][0-9. ]*$/;
const UN_NUMBER = /^UN[0-9]{4}$/;

/** An HS code or prefix as operators write it: 2 to 10 digits, dots (or spaces) allowed. */
export function isHsCodePrefix(value: string): boolean {
  const digits = normaliseHsCode(value).length;
  return HS_PREFIX.test(value) && digits >= 2 && digits <= 10;
}

/** How a value is named in a message: its type, and a short string as it was written. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

export function oneOf(values: readonly string[]): string {
  return values.join(', ');
}

function withDefault<T>(schema: Omit<ParamSchema<T>, 'defaultValue'>, defaultValue: T | undefined, copy: (v: T) => T): ParamSchema<T> {
  return defaultValue === undefined ? schema : { ...schema, defaultValue: () => copy(defaultValue) };
}

const same = <T>(v: T): T => v;
const copyArray = <T>(v: T[]): T[] => [...v];

/**
 * An array of distinct strings, each checked by `check` (a message, or null when fine); `key` says
 * which values count as the same (e.g. HS prefixes with and without dots).
 */
function stringArray<T extends string>(
  minItems: number,
  check: (v: string) => string | null,
  key: (v: string) => string = same,
): Omit<ParamSchema<T[]>, 'defaultValue'> {
  return {
    read(path, value, errors) {
      if (!Array.isArray(value)) {
        errors.push({ path, message: `must be an array, got ${describe(value)}` });
        return undefined;
      }
      if (value.length < minItems) errors.push({ path, message: `must have at least ${minItems} value(s)` });
      if (value.length > MAX_ARRAY_ITEMS) {
        errors.push({ path, message: `must have at most ${MAX_ARRAY_ITEMS} values, got ${value.length}` });
        return undefined;
      }
      const seen = new Set<string>();
      const out: T[] = [];
      value.forEach((v: unknown, i) => {
        const p = `${path}[${i}]`;
        if (typeof v !== 'string') {
          errors.push({ path: p, message: `must be a string, got ${describe(v)}` });
          return;
        }
        const problem = check(v);
        if (problem !== null) errors.push({ path: p, message: problem });
        const k = key(v);
        if (seen.has(k)) errors.push({ path: p, message: `duplicate value ${describe(v)}` });
        seen.add(k);
        // Only returned when no problem was found, which `check` guarantees makes v a T.
        if (problem === null) out.push(v as T);
      });
      return out;
    },
  };
}

/** The kinds of parameter a rule kind may declare. */
export const param = {
  /** A finite number in [min, max]; `unit` is named in the message. */
  number(opts: { min: number; max: number; integer?: boolean; unit?: string; default?: number }): ParamSchema<number> {
    const { min, max, integer, unit } = opts;
    return withDefault<number>(
      {
        read(path, value, errors) {
          if (typeof value !== 'number' || !Number.isFinite(value)) {
            errors.push({ path, message: `must be a number, got ${describe(value)}` });
            return undefined;
          }
          if (integer && !Number.isInteger(value)) errors.push({ path, message: `must be a whole number, got ${value}` });
          if (value < min || value > max) {
            errors.push({ path, message: `must be between ${min} and ${max}${unit ? ` ${unit}` : ''}, got ${value}` });
          }
          return value;
        },
      },
      opts.default,
      same,
    );
  },

  boolean(opts: { default?: boolean } = {}): ParamSchema<boolean> {
    return withDefault<boolean>(
      {
        read(path, value, errors) {
          if (typeof value === 'boolean') return value;
          errors.push({ path, message: `must be true or false, got ${describe(value)}` });
          return undefined;
        },
      },
      opts.default,
      same,
    );
  },

  /** The name of a reference list (its entries are read when the policy is compiled). */
  listName(opts: { default?: ReferenceListName } = {}): ParamSchema<ReferenceListName> {
    return withDefault<ReferenceListName>(
      {
        read(path, value, errors) {
          if (isReferenceListName(value)) return value;
          errors.push({ path, message: `must name a reference list (one of ${oneOf(REFERENCE_LIST_NAMES)}), got ${describe(value)}` });
          return undefined;
        },
      },
      opts.default,
      same,
    );
  },

  /** Distinct values of a closed set; `note` says why the set is what it is. */
  enumArray<const V extends string>(
    values: readonly V[],
    opts: { minItems: number; default?: readonly V[]; note?: string },
  ): ParamSchema<V[]> {
    const note = opts.note ? ` (${opts.note})` : '';
    const allowed: readonly string[] = values;
    const schema = stringArray<V>(opts.minItems, (v) =>
      allowed.includes(v) ? null : `must be one of ${oneOf(values)}, got ${describe(v)}${note}`,
    );
    return withDefault<V[]>(schema, opts.default === undefined ? undefined : [...opts.default], copyArray);
  },

  /** Distinct HS code prefixes (3002 and 30.02 are the same prefix). */
  hsPrefixArray(opts: { minItems: number }): ParamSchema<string[]> {
    return stringArray<string>(
      opts.minItems,
      (v) =>
        isHsCodePrefix(v) ? null : `must be an HS code prefix of 2 to 10 digits, dots allowed (e.g. 3002 or 3002.41), got ${describe(v)}`,
      normaliseHsCode,
    );
  },

  /** Distinct dangerous-goods UN numbers. */
  unNumberArray(opts: { minItems: number; default?: readonly string[] }): ParamSchema<string[]> {
    const schema = stringArray<string>(opts.minItems, (v) =>
      UN_NUMBER.test(v) ? null : `must be a UN number like UN1845, got ${describe(v)}`,
    );
    return withDefault<string[]>(schema, opts.default === undefined ? undefined : [...opts.default], copyArray);
  },
};

/**
 * Checks a rule's `params` object against its kind's schemas: unknown names, then each parameter in
 * declaration order (a missing one takes its default or is an error). Returns the clean parameters
 * with defaults filled in, or null when `errors` got a problem.
 */
export function readParams<S extends ParamSchemas>(
  kind: string,
  schemas: S,
  path: string,
  params: Readonly<Record<string, unknown>>,
  errors: RulesetValidationError[],
): ParamsOf<S> | null {
  const before = errors.length;
  for (const key of Object.keys(params)) {
    if (!Object.hasOwn(schemas, key)) {
      errors.push({ path: `${path}.${key}`, message: `unknown parameter for ${kind} (allowed: ${Object.keys(schemas).join(', ')})` });
    }
  }
  const clean: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const p = `${path}.${name}`;
    if (params[name] === undefined) {
      if (schema.defaultValue !== undefined) clean[name] = schema.defaultValue();
      else errors.push({ path: p, message: `is required for ${kind}` });
      continue;
    }
    clean[name] = schema.read(p, params[name], errors);
  }
  // Every name of S was read by its own schema without a problem, so each value has its schema's type.
  return errors.length === before ? (clean as ParamsOf<S>) : null;
}
