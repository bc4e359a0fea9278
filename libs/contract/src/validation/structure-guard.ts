/**
 * A cheap structural check of parsed JSON that runs before class-transformer sees it.
 *
 * class-transformer copies every own key onto class instances and recurses without a
 * depth limit, so hostile JSON could
 *  - replace an instance's prototype (`"__proto__": {...}`) or its `constructor`
 *    (class-validator finds rules through `object.constructor`), or make
 *    class-transformer call `new value.constructor()` on a string and throw,
 *  - be silently skipped (`"toString": 1` is dropped, so `forbidNonWhitelisted` never sees it),
 *  - overflow the stack (`[[[[...]]]]` 100,000 deep still fits in 256 KiB),
 *  - make class-validator build tens of thousands of errors (`"items": [{}, {}, ...]`).
 * Any of those is reported here, and the record is then rejected without transforming it.
 */
import { IssueCollector, joinPath } from './issues';

/** The deepest legitimate value is data.items[i].value.amount (4 containers below the root). */
export const MAX_NESTING = 10;
/** The longest legitimate array is batchNumbers (1000); items is capped at 999 by its own rule. */
export const MAX_ARRAY_LENGTH = 1000;

const hasOwn = Object.prototype.hasOwnProperty;

/** `__proto__`, `constructor`, `toString`, `hasOwnProperty`, ...: names that exist on every object. */
export function isForbiddenKey(key: string): boolean {
  return hasOwn.call(Object.prototype, key);
}

/**
 * Walks `value` (JSON) and reports structural problems to `out`.
 * Returns the number of problems found, 0 when the value is safe to transform.
 */
export function checkStructure(value: unknown, path: string, out: IssueCollector, depth = 0): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (depth >= MAX_NESTING) {
    out.add(path, `is nested more than ${MAX_NESTING} levels deep`);
    return 1;
  }
  let found = 0;
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_LENGTH) {
      out.add(path, `has ${value.length} entries; no array in this contract has more than ${MAX_ARRAY_LENGTH}`);
      return 1;
    }
    for (let i = 0; i < value.length; i++) {
      found += checkStructure(value[i], joinPath(path, i), out, depth + 1);
    }
    return found;
  }
  for (const key of Object.keys(value)) {
    if (isForbiddenKey(key)) {
      out.add(joinPath(path, key), 'is a reserved property name and not allowed');
      found++;
      continue;
    }
    found += checkStructure((value as Record<string, unknown>)[key], joinPath(path, key), out, depth + 1);
  }
  return found;
}
