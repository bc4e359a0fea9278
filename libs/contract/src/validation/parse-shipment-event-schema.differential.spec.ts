/**
 * Differential test of the schema validator (./parse-shipment-event-schema: JSON Schema +
 * Ajv) against the class-validator DTOs it replaces (./parse-shipment-event): on a large
 * seeded corpus of valid and broken records, both give exactly the same result (verdict,
 * error kind, every issue's path and message in order, ids, the event). Each case of the
 * corpus that has a verdict derived by its generator is also checked against it.
 */
import { corpusCase, type CorpusCase, type Expectation } from './event-corpus.fixtures';
import { type ParsedShipmentEvent, parseShipmentEvent } from './parse-shipment-event';
import { parseShipmentEventWithSchema } from './parse-shipment-event-schema';

const CASES = 6000;

function matches(expected: string | RegExp, actual: string): boolean {
  return typeof expected === 'string' ? expected === actual : expected.test(actual);
}

/** Why `result` breaks the generator's `expected` verdict, or null when it does not. */
export function disagreement(expected: Expectation, result: ParsedShipmentEvent): string | null {
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

describe('parseShipmentEventWithSchema against the class-validator parseShipmentEvent', () => {
  it(`given ${CASES} seeded valid and broken records, then both give exactly the same result`, () => {
    const verdicts = new Map<string, number>();
    for (let seed = 1; seed <= CASES; seed++) {
      // given
      const c = corpusCase(seed);
      // when
      const actual = parseShipmentEventWithSchema(c.value, c.key);
      const previous = parseShipmentEvent(c.value, c.key);
      // then
      try {
        expect(actual).toStrictEqual(previous);
      } catch (error) {
        throw new Error(`${describeCase(c)}\n${String(error)}`);
      }
      const verdict = actual.ok ? 'valid' : actual.errorKind;
      verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
    }
    // The corpus exercises both sides and every error kind that validation decides.
    expect(verdicts.get('valid')).toBeGreaterThanOrEqual(CASES / 10);
    for (const kind of ['NOT_JSON', 'TOO_LARGE', 'NOT_CLOUDEVENT', 'UNKNOWN_TYPE', 'INVALID_DATA'])
      expect(verdicts.get(kind)).toBeGreaterThan(0);
  });

  it('given the same corpus, then each case with a derived verdict gets it from both', () => {
    let checked = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const c = corpusCase(seed);
      if (!c.expected) continue;
      checked++;
      for (const parse of [parseShipmentEventWithSchema, parseShipmentEvent]) {
        const why = disagreement(c.expected, parse(c.value, c.key));
        if (why) throw new Error(`${parse.name}, ${describeCase(c)}\n${why}`);
      }
    }
    expect(checked).toBeGreaterThan(CASES / 2);
  });
});
