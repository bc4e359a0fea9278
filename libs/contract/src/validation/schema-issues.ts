/**
 * Ajv's errors of an invalid envelope -> the contract's issues: one message per field, named
 * by its path, in the order docs/contract.md promises.
 *
 * - A field is the property an error is about: a missing one (`required`) or an unknown one
 *   (`additionalProperties`) by name, any other error at the property holding it (an error on
 *   an entry of a list is the list's: "must be an array of 1 to 999 objects").
 * - Its message: `is required`; `is not a known property of this contract`; or `must be ...`
 *   completed by the schema's `x-expected` of that field (or by the cross-field keyword that
 *   failed, which wins), plus `, got <JSON type>` when the value has another JSON type than
 *   the field's.
 * - A field with a message of its own hides the errors inside it (a list too long is not also
 *   checked entry by entry).
 * - Order: depth first; in each object its unknown properties first (in the record's order),
 *   then its schema properties in the schema's order; list entries by index.
 */
import { type ErrorObject } from 'ajv';
import { EVENT_SCHEMA, type SchemaNode, pointerSegment } from './event-schema';
import { type IssueCollector, joinPath } from './issues';

type JsonKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
type Segment = string | number;

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

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = Object.prototype.hasOwnProperty;

/** What went wrong with one field (at `pointer`, a JSON pointer). */
interface FieldProblem {
  readonly pointer: string;
  unknown: boolean;
  missing: boolean;
  /** A failed cross-field keyword (x-equalTo, x-notBelow, x-uniqueBy): its message wins over the field's own. */
  crossField: ErrorObject | undefined;
}

const CROSS_FIELD = new Set(['x-equalTo', 'x-notBelow', 'x-uniqueBy']);
const TRAILING_INDEXES = /(\/[0-9]+)+$/;
/** Kinds of a sort key's level: unknown keys sort before known ones (docs/contract.md). */
const UNKNOWN_KEY = '\u0000';
const KNOWN_KEY = '\u0001';
const LIST_ENTRY = '\u0002';

/**
 * Adds the issues of `errors` (Ajv's, of `envelope` against `definition`) to `out`, and
 * returns the top-level attributes that have issues.
 */
export function addSchemaIssues(
  errors: readonly ErrorObject[],
  envelope: Record<string, unknown>,
  definition: string,
  out: IssueCollector,
): Set<string> {
  const root = definitionNode(definition);
  // Keyed by JSON pointer: Ajv's instance paths, and a missing or unknown property's name appended the same way.
  const problems = new Map<string, FieldProblem>();
  const problemAt = (pointer: string): FieldProblem => {
    let problem = problems.get(pointer);
    if (!problem) problems.set(pointer, (problem = { pointer, unknown: false, missing: false, crossField: undefined }));
    return problem;
  };
  for (const error of errors) {
    if (error.keyword === 'required' || error.keyword === 'additionalProperties') {
      const params = error.params as { missingProperty?: string; additionalProperty?: string };
      const problem = problemAt(`${error.instancePath}/${pointerSegment(String(params.missingProperty ?? params.additionalProperty))}`);
      if (error.keyword === 'required') problem.missing = true;
      else problem.unknown = true;
      continue;
    }
    // An error on a list entry (a string in `batchNumbers`, an array in `items`) is the list's.
    // Ajv only goes down through the schema's properties (none is a number) and list entries,
    // so a trailing number in its path is a list index.
    const path = error.instancePath;
    const last = path.charCodeAt(path.length - 1);
    const problem = problemAt(last >= 0x30 && last <= 0x39 ? path.replace(TRAILING_INDEXES, '') : path);
    if (CROSS_FIELD.has(error.keyword)) problem.crossField ??= error;
  }

  const fields: { problem: FieldProblem; order: string }[] = [];
  for (const problem of problems.values()) fields.push({ problem, order: orderOf(root, envelope, problem.pointer) });
  fields.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const attributes = new Set<string>();
  // A field with a message of its own hides the problems inside it; sorted depth first, those
  // directly follow it (their sort keys start with its own).
  let reported: string | undefined;
  for (const { problem, order } of fields) {
    if (reported !== undefined && order.length > reported.length && order.startsWith(reported)) continue;
    reported = order;
    attributes.add(topLevelName(problem.pointer));
    // Past the collector's limit only the count matters (a hostile record may break thousands of fields).
    if (out.full) {
      out.add('$', '');
      continue;
    }
    const segments = segmentsOf(envelope, problem.pointer);
    out.add(pathOf(segments), messageOf(root, envelope, problem, segments));
  }
  return attributes;
}

function definitionNode(name: string): SchemaNode {
  const node = EVENT_SCHEMA.definitions?.[name];
  if (!node) throw new Error(`shipment-events.schema.json has no definition ${name}`);
  return node;
}

const REF_PREFIX = '#/definitions/';

const targets = new WeakMap<SchemaNode, SchemaNode>();

/** Follows a local `$ref` (`#/definitions/Name`). */
function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  if (node?.$ref === undefined) return node;
  let target = targets.get(node);
  if (!target) {
    target = node;
    while (target.$ref !== undefined) target = definitionNode(target.$ref.slice(REF_PREFIX.length));
    targets.set(node, target);
  }
  return target;
}

/** The schema of the field at `segments` (entries of a list by its `items`). */
function fieldNode(root: SchemaNode, segments: readonly Segment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of segments) {
    node = deref(node);
    node = typeof segment === 'number' ? node?.items : node?.properties?.[segment];
  }
  return deref(node);
}

function valueAt(envelope: unknown, segments: readonly Segment[]): unknown {
  let value = envelope;
  for (const segment of segments) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else value = isPlainObject(value) && hasOwn.call(value, segment) ? value[segment] : undefined;
  }
  return value;
}

/** `data.items[2].lineNo`; an unknown key that is not an identifier is quoted: `data["a b"]`. */
function pathOf(segments: readonly Segment[]): string {
  let path = '';
  for (const segment of segments) path = joinPath(path, segment, typeof segment === 'number');
  return path;
}

const propertyIndexes = new WeakMap<SchemaNode, ReadonlyMap<string, number>>();

/** The position of each of `node`'s properties in the schema. */
function propertyIndex(node: SchemaNode | undefined): ReadonlyMap<string, number> | undefined {
  if (!node?.properties) return undefined;
  let index = propertyIndexes.get(node);
  if (!index) propertyIndexes.set(node, (index = new Map(Object.keys(node.properties).map((key, i) => [key, i]))));
  return index;
}

const unescapePointer = (raw: string): string => (raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw);

/** The top-level attribute a JSON pointer starts with. */
function topLevelName(pointer: string): string {
  const end = pointer.indexOf('/', 1);
  return unescapePointer(pointer.slice(1, end < 0 ? undefined : end));
}

/** The keys and indexes of a JSON pointer (a segment is an index where the record holds an array). */
function segmentsOf(envelope: unknown, pointer: string): Segment[] {
  const segments: Segment[] = [];
  if (pointer === '') return segments;
  let value: unknown = envelope;
  for (const raw of pointer.slice(1).split('/')) {
    if (Array.isArray(value)) {
      const index = Number(raw);
      segments.push(index);
      value = value[index];
    } else {
      const key = unescapePointer(raw);
      segments.push(key);
      value = isPlainObject(value) && hasOwn.call(value, key) ? value[key] : undefined;
    }
  }
  return segments;
}

/**
 * The sort key of the field at `pointer`, a string compared code unit by code unit: per
 * level, the kind (unknown key, known key, list index) and a 16-bit position (in the record,
 * in the schema, in the list). An inner field's key starts with its parent's.
 */
function orderOf(root: SchemaNode, envelope: unknown, pointer: string): string {
  let order = '';
  let node: SchemaNode | undefined = root;
  let value: unknown = envelope;
  for (let start = 1; start <= pointer.length && pointer !== '';) {
    let end = pointer.indexOf('/', start);
    if (end < 0) end = pointer.length;
    const raw = pointer.slice(start, end);
    start = end + 1;
    node = deref(node);
    if (Array.isArray(value)) {
      const index = Number(raw);
      order += LIST_ENTRY + String.fromCharCode(index);
      node = node?.items;
      value = value[index];
      continue;
    }
    const key = unescapePointer(raw);
    const known = propertyIndex(node)?.get(key);
    if (known !== undefined) order += KNOWN_KEY + String.fromCharCode(known);
    else order += UNKNOWN_KEY + String.fromCharCode(isPlainObject(value) ? Object.keys(value).indexOf(key) : 0);
    node = node?.properties?.[key];
    value = isPlainObject(value) && hasOwn.call(value, key) ? value[key] : undefined;
  }
  return order;
}

/** The message of a failed cross-field keyword of the field at `segments` (whose schema is `node`). */
function crossFieldMessage(error: ErrorObject, node: SchemaNode | undefined, envelope: unknown, segments: readonly Segment[]): string {
  switch (error.keyword) {
    case 'x-equalTo':
      return `equal to ${node?.['x-equalTo']}`;
    case 'x-notBelow': {
      const sibling = String(node?.['x-notBelow']);
      return `greater than or equal to ${sibling} (${String(valueAt(envelope, [...segments.slice(0, -1), sibling]))})`;
    }
    default: {
      const { property, first } = error.params as { property: string; first: number };
      return `unique within the list; entry [${first}] has the same ${property}`;
    }
  }
}

function messageOf(root: SchemaNode, envelope: unknown, problem: FieldProblem, segments: readonly Segment[]): string {
  if (problem.unknown) return 'is not a known property of this contract';
  if (problem.missing) return 'is required';
  const node = fieldNode(root, segments);
  const expected = problem.crossField ? crossFieldMessage(problem.crossField, node, envelope, segments) : (node?.['x-expected'] ?? 'valid');
  const declared = node?.type === 'integer' ? 'number' : node?.type;
  const actual = jsonKindOf(valueAt(envelope, segments));
  return actual === declared ? `must be ${expected}` : `must be ${expected}, got ${article(actual)}`;
}
