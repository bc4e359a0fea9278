import type { ValidationError } from 'class-validator';

/** One problem of an invalid record. `path` is like `data.items[2].hsCode`, or `$` for the whole record. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** At most this many issues are returned; the last one then says how many were left out. */
export const MAX_ISSUES = 50;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INDEX = /^(0|[1-9][0-9]*)$/;
const MAX_KEY_IN_PATH = 64;

/** `data` + `items` -> `data.items`; odd keys are quoted: `data["a b"]`; indexes: `items[2]`. */
export function joinPath(parent: string, key: string | number, isIndex = typeof key === 'number'): string {
  if (isIndex) return `${parent}[${key}]`;
  const name = String(key);
  if (IDENTIFIER.test(name) && name.length <= MAX_KEY_IN_PATH) return parent ? `${parent}.${name}` : name;
  const shown = name.length > MAX_KEY_IN_PATH ? `${name.slice(0, MAX_KEY_IN_PATH)}...` : name;
  return `${parent}[${JSON.stringify(shown)}]`;
}

/** Collects issues up to MAX_ISSUES and counts the rest. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  private dropped = 0;

  add(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES - 1) this.issues.push({ path: path || '$', message });
    else this.dropped++;
  }

  get full(): boolean {
    return this.issues.length >= MAX_ISSUES - 1;
  }

  get count(): number {
    return this.issues.length + this.dropped;
  }

  result(): ValidationIssue[] {
    if (this.dropped === 0) return this.issues;
    return [...this.issues, { path: '$', message: `${this.dropped} more issue(s) not listed` }];
  }
}

const WHITELIST = 'whitelistValidation';
const UNKNOWN_VALUE = 'unknownValue';

/**
 * Flattens class-validator's error tree into issues. Array entries come back as
 * properties '0', '1', ... and are printed as `[0]`; an unknown property named "0"
 * (a whitelist error) is printed quoted.
 */
export function flattenValidationErrors(errors: ValidationError[], parent: string, out: IssueCollector): void {
  for (const error of errors) {
    const constraints = error.constraints;
    const property = error.property;
    let path = parent;
    if (property !== undefined) {
      const isWhitelist = constraints !== undefined && WHITELIST in constraints;
      path = joinPath(parent, property, !isWhitelist && INDEX.test(property));
    }
    if (constraints) {
      for (const name of Object.keys(constraints)) {
        if (name === WHITELIST) out.add(path, 'is not a known property of this contract');
        else if (name === UNKNOWN_VALUE) out.add(path, 'could not be validated (unexpected value)');
        else out.add(path, constraints[name]);
      }
    }
    if (error.children && error.children.length > 0) flattenValidationErrors(error.children, path, out);
  }
}
