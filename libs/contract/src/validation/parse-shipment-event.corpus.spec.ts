/**
 * parseShipmentEvent on a large seeded corpus (./event-corpus.fixtures): valid events of
 * every type and shape, records broken in one known way (missing fields, wrong types, bad
 * enums and dates, unknown and reserved keys, oversized and blank text, NUL, 1e400, nested
 * garbage, the cross-field rules, unknown types, extension attributes, not JSON, not an
 * object, too large) and compounds of several edits. Each case with a verdict derived by the
 * generator must get it. (Until the JSON Schema replaced them, this corpus also checked that
 * the schema and the class-validator DTOs gave exactly the same result on every case.)
 */
import { MAX_ISSUES } from './issues';
import { corpusCase, type CorpusCase, type Expectation } from './event-corpus.fixtures';
import { type ParsedShipmentEvent, parseShipmentEvent } from './parse-shipment-event';

const CASES = 6000;
const KINDS = ['NOT_JSON', 'TOO_LARGE', 'NOT_CLOUDEVENT', 'UNKNOWN_TYPE', 'INVALID_DATA'];

function matches(expected: string | RegExp, actual: string): boolean {
  return typeof expected === 'string' ? expected === actual : expected.test(actual);
}

/** Why `result` breaks the generator's `expected` verdict, or null when it does not. */
function disagreement(expected: Expectation, result: ParsedShipmentEvent): string | null {
  if (expected.ok) return result.ok ? null : `expected a valid event, got ${result.errorKind} ${JSON.stringify(result.issues)}`;
  if (result.ok) return 'expected an invalid record, got a valid event';
  if (result.errorKind !== expected.errorKind)
    return `expected ${expected.errorKind}, got ${result.errorKind} ${JSON.stringify(result.issues)}`;
  const found = result.issues.some((issue) => matches(expected.path, issue.path) && matches(expected.message, issue.message));
  if (!found) return `expected an issue ${String(expected.path)}: ${String(expected.message)}, got ${JSON.stringify(result.issues)}`;
  if (expected.only && result.issues.length !== 1) return `expected only that issue, got ${JSON.stringify(result.issues)}`;
  return null;
}

function describeCase(c: CorpusCase): string {
  return `seed ${c.seed} (${c.mutation}): ${c.value === null ? 'null' : c.value.toString('utf8').slice(0, 1500)}`;
}

describe('parseShipmentEvent on a seeded corpus of valid and broken records', () => {
  const corpus = Array.from({ length: CASES }, (_, i) => corpusCase(i + 1));

  it('given each case with a derived verdict, then the result is that verdict', () => {
    let checked = 0;
    for (const c of corpus) {
      if (!c.expected) continue;
      // when
      const result = parseShipmentEvent(c.value, c.key);
      // then
      const why = disagreement(c.expected, result);
      if (why) throw new Error(`${describeCase(c)}\n${why}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(CASES * 0.7);
  });

  it('given every case, compounds included, then a failure names its kind and at most MAX_ISSUES issues, and a success is the event sent', () => {
    const verdicts = new Map<string, number>();
    for (const c of corpus) {
      const result = parseShipmentEvent(c.value, c.key);
      if (result.ok) {
        // A valid event is the record's own attributes (extensions left out) and data.
        const sent = JSON.parse((c.value as Buffer).toString('utf8')) as Record<string, unknown>;
        expect(result.event.data).toStrictEqual(sent.data);
        expect(result.event.id).toBe(sent.id);
      } else {
        expect(KINDS).toContain(result.errorKind);
        expect(result.issues.length).toBeGreaterThan(0);
        expect(result.issues.length).toBeLessThanOrEqual(MAX_ISSUES);
        for (const issue of result.issues) expect(issue.path.length > 0 && issue.message.length > 0).toBe(true);
      }
      const verdict = result.ok ? 'valid' : result.errorKind;
      verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
    }
    // The corpus exercises both sides and every error kind that validation decides.
    expect(verdicts.get('valid')).toBeGreaterThanOrEqual(CASES / 10);
    for (const kind of KINDS) expect(verdicts.get(kind)).toBeGreaterThan(0);
  });

  it('given the same seed twice, then the same record', () => {
    expect(corpusCase(4242)).toStrictEqual(corpusCase(4242));
  });
});
