/** Normalisation shared by list compilation and assessment. Pure, no I/O. */

const NON_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * Normalised party or manufacturer name: lower case, everything but letters and digits dropped,
 * so `Pfizer Manufacturing Belgium N.V.` equals `Pfizer Manufacturing Belgium NV`.
 */
export function normaliseName(name: string): string {
  // Fast path: plain ASCII names (the usual case) without a regular expression.
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 97 && c <= 122) out += name[i];
    else if (c >= 48 && c <= 57) out += name[i];
    else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
    else if (c >= 128) return name.toLowerCase().replace(NON_LETTER_OR_DIGIT, '');
  }
  return out;
}

/** HS code or prefix as written in a list (`3002.41`, `3002 41`) reduced to its digits (`300241`). */
export function normaliseHsCode(code: string): string {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c >= 48 && c <= 57) out += code[i];
  }
  return out;
}

/**
 * A bounded memo for normaliseName: declarations repeat the same few manufacturer and party
 * names, so the hot path is a Map lookup. Cleared when full (no unbounded growth).
 */
export class NameNormaliser {
  private readonly cache = new Map<string, string>();
  constructor(private readonly maxEntries = 4096) {}

  normalise(name: string): string {
    let n = this.cache.get(name);
    if (n === undefined) {
      n = normaliseName(name);
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      this.cache.set(name, n);
    }
    return n;
  }
}

/**
 * Accumulates "line 1 (HS 300241), line 3 (HS 300212)" without intermediate arrays; after `max`
 * labels it only counts, and `text` ends with "and N more" (messages stay bounded).
 */
export class Labels {
  private body = '';
  private count = 0;
  constructor(private readonly max = 10) {}

  add(label: string): void {
    if (this.count < this.max) this.body = this.count === 0 ? label : `${this.body}, ${label}`;
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  get text(): string {
    return this.count > this.max ? `${this.body} and ${this.count - this.max} more` : this.body;
  }
}
