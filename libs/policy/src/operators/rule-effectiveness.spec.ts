import { DEFAULT_RULESET_DOCUMENT } from '../default-ruleset';
import { ruleEffectiveness } from './rule-effectiveness';

describe('ruleEffectiveness', () => {
  const counts = (ruleId: string, selections: number, examined: number, withFindings: number, overrides = 0) => ({
    rulesetVersion: 1,
    ruleId,
    selections,
    examined,
    withFindings,
    overrides,
  });

  it('given counts of the baseline ruleset, then each selecting rule has its hit rate and the random sample is the baseline', () => {
    const [v1] = ruleEffectiveness(
      [counts('falsified-medicine-indicators', 40, 32, 8, 3), counts('random-sampling', 10, 4, 1), counts('classify-priority', 99, 9, 9)],
      [{ version: 1, document: DEFAULT_RULESET_DOCUMENT }],
    );
    const falsified = v1.rules.find((r) => r.ruleId === 'falsified-medicine-indicators');
    expect(falsified).toMatchObject({ selections: 40, examined: 32, withFindings: 8, overrides: 3, hitRate: 0.25, smallSample: false });
    expect(v1.baseline).toMatchObject({ ruleId: 'random-sampling', kind: 'RANDOM_SAMPLING', hitRate: 0.25, smallSample: true });
    // Classifications select nothing: not listed.
    expect(v1.rules.map((r) => r.ruleId)).not.toContain('classify-priority');
    expect(v1.rules.find((r) => r.ruleId === 'watchlist')).toMatchObject({ selections: 0, hitRate: null, smallSample: true });
  });

  it('given a version without a random-sampling rule, then there is no baseline', () => {
    const document = { rules: DEFAULT_RULESET_DOCUMENT.rules.filter((r) => r.kind !== 'RANDOM_SAMPLING') };
    expect(ruleEffectiveness([], [{ version: 2, document }])[0].baseline).toBeNull();
  });
});
