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
import { EVENT_SCHEMA, type SchemaNode } from './event-schema';
import { type IssueCollector, joinPath } from './issues';

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

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = Object.prototype.hasOwnProperty;

/** What went wrong with one field, the most telling first. */
interface FieldProblem {
  readonly segments: readonly (string | number)[];
  unknown: boolean;
  missing: boolean;
  /** The message of a failed cross-field keyword (x-equalTo, x-notBelow, x-uniqueBy). */
  special: string | undefined;
}

const CROSS_FIELD = new Set(['x-equalTo', 'x-notBelow', 'x-uniqueBy']);

/** Adds the issues of `errors` (Ajv's, of `envelope` against `definition`) to `out`. */
export function addSchemaIssues(
  errors: readonly ErrorObject[],
  envelope: Record<string, unknown>,
  definition: string,
  out: IssueCollector,
): void {
  const root = definitionNode(definition);
  const problems = new Map<string, FieldProblem>();
  const problemAt = (segments: (string | number)[]): FieldProblem => {
    const key = JSON.stringify(segments);
    let problem = problems.get(key);
    if (!problem) problems.set(key, (problem = { segments, unknown: false, missing: false, special: undefined }));
    return problem;
  };

  for (const error of errors) {
    const at = instanceSegments(envelope, error.instancePath);
    if (error.keyword === 'required') {
      problemAt([...at, String((error.params as { missingProperty: string }).missingProperty)]).missing = true;
    } else if (error.keyword === 'additionalProperties') {
      problemAt([...at, String((error.params as { additionalProperty: string }).additionalProperty)]).unknown = true;
    } else {
      // An error on a list entry (a string in `batchNumbers`, an array in `items`) is the list's.
      while (at.length > 0 && typeof at[at.length - 1] === 'number') at.pop();
      const problem = problemAt(at);
      if (CROSS_FIELD.has(error.keyword) && problem.special === undefined) problem.special = crossFieldMessage(error, envelope, at);
    }
  }

  const fields = [...problems.values()].map((problem) => ({ problem, order: orderOf(root, envelope, problem.segments) }));
  fields.sort((a, b) => compareOrder(a.order, b.order));
  const reported: (readonly (string | number)[])[] = [];
  for (const { problem } of fields) {
    if (reported.some((parent) => isInside(problem.segments, parent))) continue;
    reported.push(problem.segments);
    out.add(pathOf(envelope, problem.segments), messageOf(root, envelope, problem));
  }
}

function definitionNode(name: string): SchemaNode {
  const node = EVENT_SCHEMA.definitions?.[name];
  if (!node) throw new Error(`shipment-events.schema.json has no definition ${name}`);
  return node;
}

/** Follows a local `$ref` (`#/definitions/Name`). */
function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  while (current?.$ref !== undefined) current = definitionNode(current.$ref.replace('#/definitions/', ''));
  return current;
}

/** The schema of the field at `segments` (entries of a list by its `items`). */
function fieldNode(root: SchemaNode, segments: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of segments) {
    node = deref(node);
    node = typeof segment === 'number' ? node?.items : node?.properties?.[segment];
  }
  return deref(node);
}

/** Ajv's instance path (a JSON pointer) as keys and indexes (a segment is an index where the record holds an array). */
function instanceSegments(envelope: unknown, pointer: string): (string | number)[] {
  const segments: (string | number)[] = [];
  if (pointer === '') return segments;
  let value: unknown = envelope;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = Number(key);
      segments.push(index);
      value = value[index];
    } else {
      segments.push(key);
      value = isPlainObject(value) && hasOwn.call(value, key) ? value[key] : undefined;
    }
  }
  return segments;
}

function valueAt(envelope: unknown, segments: readonly (string | number)[]): unknown {
  let value = envelope;
  for (const segment of segments) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else value = isPlainObject(value) && hasOwn.call(value, segment) ? value[segment] : undefined;
  }
  return value;
}

/** `data.items[2].lineNo`; an unknown key that is not an identifier is quoted: `data["a b"]`. */
function pathOf(envelope: unknown, segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) path = joinPath(path, segment, typeof segment === 'number');
  return path;
}

/** Sort key of a field: per level, [0, position in the record] for an unknown key, [1, position in the schema] for a known one, [index] in a list. */
function orderOf(root: SchemaNode, envelope: unknown, segments: readonly (string | number)[]): number[] {
  const order: number[] = [];
  let node: SchemaNode | undefined = root;
  let value: unknown = envelope;
  for (const segment of segments) {
    node = deref(node);
    if (typeof segment === 'number') {
      order.push(segment);
      node = node?.items;
      value = Array.isArray(value) ? value[segment] : undefined;
      continue;
    }
    const known = node?.properties ? Object.keys(node.properties).indexOf(segment) : -1;
    if (known >= 0) order.push(1, known);
    else order.push(0, isPlainObject(value) ? Object.keys(value).indexOf(segment) : 0);
    node = node?.properties?.[segment];
    value = isPlainObject(value) && hasOwn.call(value, segment) ? value[segment] : undefined;
  }
  return order;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function isInside(segments: readonly (string | number)[], parent: readonly (string | number)[]): boolean {
  return segments.length > parent.length && parent.every((segment, i) => segments[i] === segment);
}

/** The message of a failed cross-field keyword of the field at `segments`. */
function crossFieldMessage(error: ErrorObject, envelope: unknown, segments: readonly (string | number)[]): string {
  const schemaValue = String(error.schema);
  switch (error.keyword) {
    case 'x-equalTo':
      return `equal to ${schemaValue}`;
    case 'x-notBelow':
      return `greater than or equal to ${schemaValue} (${String(valueAt(envelope, [...segments.slice(0, -1), schemaValue]))})`;
    default: {
      const { property, first } = error.params as { property: string; first: number };
      return `unique within the list; entry [${first}] has the same ${property}`;
    }
  }
}

function messageOf(root: SchemaNode, envelope: unknown, problem: FieldProblem): string {
  if (problem.unknown) return 'is not a known property of this contract';
  if (problem.missing) return 'is required';
  const node = fieldNode(root, problem.segments);
  const value = valueAt(envelope, problem.segments);
  const expected = problem.special ?? node?.['x-expected'] ?? 'valid';
  const declared = node?.type === 'integer' ? 'number' : node?.type;
  const actual = jsonKindOf(value);
  return actual === declared ? `must be ${expected}` : `must be ${expected}, got ${article(actual)}`;
}
