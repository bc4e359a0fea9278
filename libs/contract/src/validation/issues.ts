/** One problem of an invalid record. `path` is like `data.items[2].hsCode`, or `$` for the whole record. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** At most this many issues are returned; the last one then says how many were left out. */
export const MAX_ISSUES = 50;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
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
