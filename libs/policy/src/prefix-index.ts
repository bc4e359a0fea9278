import { normaliseHsCode } from './normalise';

const BUCKET_DIGITS = 4;
const BUCKETS = 10 ** BUCKET_DIGITS;

/**
 * HS-code prefixes indexed by the first four digits, so matching an item code is one array
 * lookup plus a startsWith over the (usually one) candidate: no allocation, no regex.
 */
export class PrefixIndex {
  /** Normalised (digits only), de-duplicated prefixes. */
  readonly prefixes: readonly string[];
  private readonly buckets: (string[] | undefined)[] = new Array(BUCKETS);
  private readonly matchesEverything: boolean;

  constructor(codes: readonly string[]) {
    const set = new Set<string>();
    for (const c of codes) set.add(normaliseHsCode(c));
    this.matchesEverything = set.has('');
    set.delete('');
    this.prefixes = [...set];
    for (const p of this.prefixes) {
      if (p.length >= BUCKET_DIGITS) {
        this.push(Number(p.slice(0, BUCKET_DIGITS)), p);
      } else {
        // A short prefix covers every bucket that starts with it.
        const span = 10 ** (BUCKET_DIGITS - p.length);
        const first = Number(p) * span;
        for (let k = first; k < first + span; k++) this.push(k, p);
      }
    }
  }

  private push(key: number, prefix: string): void {
    const b = this.buckets[key];
    if (b === undefined) this.buckets[key] = [prefix];
    else b.push(prefix);
  }

  get size(): number {
    return this.prefixes.length;
  }

  /** True when the code starts with one of the prefixes. */
  matches(code: string): boolean {
    if (this.matchesEverything) return true;
    if (code.length >= BUCKET_DIGITS) {
      let key = 0;
      let digits = true;
      for (let i = 0; i < BUCKET_DIGITS; i++) {
        const d = code.charCodeAt(i) - 48;
        if (d < 0 || d > 9) {
          digits = false;
          break;
        }
        key = key * 10 + d;
      }
      if (digits) {
        const b = this.buckets[key];
        if (b === undefined) return false;
        for (let i = 0; i < b.length; i++) if (code.startsWith(b[i])) return true;
        return false;
      }
    }
    // Unusual code (short, or written with dots): normalise, then scan.
    const n = normaliseHsCode(code);
    for (let i = 0; i < this.prefixes.length; i++) if (n.startsWith(this.prefixes[i])) return true;
    return false;
  }
}
