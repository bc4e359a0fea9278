import { normaliseHsCode, normaliseName } from './normalise';
import { isHsCodePrefix } from './rule-params';
import { type ReferenceListName } from './types';

export const MAX_REFERENCE_LIST_ENTRIES = 5000;
export const MAX_MANUFACTURER_NAME_LENGTH = 200;
/** A CloudEvents `source` (a URI-reference) as the event log stores it. */
export const MAX_SOURCE_LENGTH = 256;
const SOURCE = /^[\x21-\x7e]+$/;

export interface ReferenceListEntryError {
  /** The entry's index, or null for the list as a whole. */
  index: number | null;
  message: string;
}

/** Lists of HS code prefixes; `arrival-sources` holds CloudEvents sources; the others manufacturer names. */
const HS_CODE_LISTS: ReadonlySet<ReferenceListName> = new Set(['critical-hs-codes', 'essential-hs-codes']);
const SOURCE_LISTS: ReadonlySet<ReferenceListName> = new Set(['arrival-sources']);

/**
 * Checks each entry of a reference list as the policy will read it: HS prefixes of 2 to 10
 * digits, CloudEvents sources (compared exactly), or manufacturer names that still say
 * something once normalised. Duplicates are compared as they match (`3002.41` = `300241`,
 * `Pfizer N.V.` = `Pfizer NV`).
 */
export function validateReferenceListEntries(name: ReferenceListName, entries: readonly unknown[]): ReferenceListEntryError[] {
  const hsCodes = HS_CODE_LISTS.has(name);
  const errors: ReferenceListEntryError[] = [];
  // The classification and authorisation lists drive every decision; `arrival-sources` is empty by default.
  if (entries.length === 0 && !SOURCE_LISTS.has(name)) errors.push({ index: null, message: `${name} must hold at least one entry` });
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (typeof entry !== 'string') {
      errors.push({ index, message: 'must be a string' });
      return;
    }
    let key: string;
    if (SOURCE_LISTS.has(name)) {
      key = entry;
      if (entry.length > MAX_SOURCE_LENGTH || !SOURCE.test(entry)) {
        errors.push({
          index,
          message: `must be a CloudEvents source (e.g. urn:terminal:IDCGK:gate-1) of 1 to ${MAX_SOURCE_LENGTH} printable characters without spaces`,
        });
        return;
      }
    } else if (hsCodes) {
      key = normaliseHsCode(entry);
      if (!isHsCodePrefix(entry)) {
        errors.push({ index, message: 'must be an HS code prefix of 2 to 10 digits, dots allowed (e.g. 3002 or 3002.41)' });
        return;
      }
    } else {
      key = normaliseName(entry);
      if (entry.length > MAX_MANUFACTURER_NAME_LENGTH || key.length === 0) {
        errors.push({
          index,
          message: `must be a name of 1 to ${MAX_MANUFACTURER_NAME_LENGTH} characters with at least one letter or digit`,
        });
        return;
      }
    }
    const first = seen.get(key);
    if (first !== undefined) errors.push({ index, message: `duplicates the entry at index ${first}` });
    else seen.set(key, index);
  });
  return errors;
}
