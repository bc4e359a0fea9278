/**
 * A cheap structural check of parsed JSON, before the event schema sees it. It refuses what
 * a JSON Schema cannot say or should never be asked to walk:
 *  - property names that exist on every object (`__proto__`, `constructor`, `toString`, ...):
 *    harmless as own keys of parsed JSON, but a trap for any code that later copies, merges
 *    or looks up the event, so the contract refuses them wherever they appear;
 *  - nesting deeper than any legitimate value (`[[[[...]]]]` 100,000 deep still fits in 256 KiB);
 *  - arrays longer than any of the contract's (so an attacker cannot ask for tens of
 *    thousands of errors with `"items": [{}, {}, ...]`);
 *  - a NUL or an unpaired surrogate in any string or key, which PostgreSQL refuses in text and jsonb.
 * Any of those is reported here, and the record is then rejected without the schema.
 */
import { type IssueCollector, joinPath } from './issues';

/** The deepest legitimate value is data.items[i].value.amount (4 containers below the root). */
export const MAX_NESTING = 10;
/** The longest legitimate array is batchNumbers (1000); items is capped at 999 by its own rule. */
export const MAX_ARRAY_LENGTH = 1000;

const hasOwn = Object.prototype.hasOwnProperty;

/** NUL and unpaired UTF-16 surrogates: valid JSON, but PostgreSQL cannot store them in text or jsonb. */
export const UNSTORABLE_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** True when PostgreSQL can store the text (no NUL, no unpaired surrogate). */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE_CHARACTER.test(text);
}

/** The text with each character PostgreSQL cannot store replaced by U+FFFD (for messages and headers, which only inform). */
export function storableText(text: string): string {
  return text.replace(new RegExp(UNSTORABLE_CHARACTER.source, 'g'), '\uFFFD');
}

const UNSTORABLE_MESSAGE = 'contains a NUL character or an unpaired surrogate, which cannot be stored';

/** `__proto__`, `constructor`, `toString`, `hasOwnProperty`, ...: names that exist on every object. */
export function isForbiddenKey(key: string): boolean {
  return hasOwn.call(Object.prototype, key);
}

/**
 * Walks `value` (JSON) and reports structural problems to `out`; `path` is the path of
 * `value` itself. Returns the number of problems found, 0 when the value is safe to transform.
 */
export function checkStructure(value: unknown, path: string, out: IssueCollector, depth = 0): number {
  if (typeof value === 'string' && UNSTORABLE_CHARACTER.test(value)) {
    out.add(path, UNSTORABLE_MESSAGE);
    return 1;
  }
  if (typeof value !== 'object' || value === null) return 0;
  // Paths are only built for problems: `trail` holds the keys below `path`.
  return walk(value, depth, [], (trail) => trail.reduce<string>((p, key) => joinPath(p, key), path), out);
}

function walk(
  value: object,
  depth: number,
  trail: (string | number)[],
  pathOf: (trail: (string | number)[]) => string,
  out: IssueCollector,
): number {
  if (depth >= MAX_NESTING) {
    out.add(pathOf(trail), `is nested more than ${MAX_NESTING} levels deep`);
    return 1;
  }
  let found = 0;
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_LENGTH) {
      out.add(pathOf(trail), `has ${value.length} entries; no array in this contract has more than ${MAX_ARRAY_LENGTH}`);
      return 1;
    }
    for (let i = 0; i < value.length; i++) {
      const entry: unknown = value[i];
      if (typeof entry === 'string' && UNSTORABLE_CHARACTER.test(entry)) {
        trail.push(i);
        out.add(pathOf(trail), UNSTORABLE_MESSAGE);
        trail.pop();
        found++;
        continue;
      }
      if (typeof entry !== 'object' || entry === null) continue;
      trail.push(i);
      found += walk(entry, depth + 1, trail, pathOf, out);
      trail.pop();
    }
    return found;
  }
  for (const key in value) {
    if (!hasOwn.call(value, key)) continue;
    if (isForbiddenKey(key)) {
      trail.push(key);
      out.add(pathOf(trail), 'is a reserved property name and not allowed');
      trail.pop();
      found++;
      continue;
    }
    const entry: unknown = (value as Record<string, unknown>)[key];
    if (UNSTORABLE_CHARACTER.test(key) || (typeof entry === 'string' && UNSTORABLE_CHARACTER.test(entry))) {
      trail.push(key);
      out.add(pathOf(trail), UNSTORABLE_MESSAGE);
      trail.pop();
      found++;
      continue;
    }
    if (typeof entry !== 'object' || entry === null) continue;
    trail.push(key);
    found += walk(entry, depth + 1, trail, pathOf, out);
    trail.pop();
  }
  return found;
}
