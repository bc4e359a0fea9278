import { DEFAULT_REFERENCE_LISTS, DEFAULT_RULESET_DOCUMENT, compilePolicy } from '@app/policy';
import { assessWithJsonRules, buildJsonRulesEngine } from './json-rules-policy';
import { benchDeclarations, benchWatchlist, projectOutcome } from './rules-bench';

describe('the default rules written for json-rules-engine', () => {
  const now = new Date('2026-04-01T00:00:00Z');
  const watchlist = benchWatchlist();
  const policy = compilePolicy({ ruleset: { version: 1, document: DEFAULT_RULESET_DOCUMENT }, lists: DEFAULT_REFERENCE_LISTS, watchlist });
  const engine = buildJsonRulesEngine(DEFAULT_REFERENCE_LISTS, watchlist, now);
  const declarations = benchDeclarations(7, 600);

  it('given the seeded declarations, then both give the same status, priority, cold chain and fired rules on every one', async () => {
    const differences: string[] = [];
    for (const d of declarations) {
      const ours = projectOutcome(policy, d, now);
      const theirs = await assessWithJsonRules(engine, d);
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        differences.push(`${d.shipmentId}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
    }
    expect(differences).toEqual([]);
  });

  it('given the sample, then every outcome and every deciding rule occurs (the comparison is not vacuous)', () => {
    const outcomes = declarations.map((d) => projectOutcome(policy, d, now));
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD']));
    const fired = new Set(outcomes.flatMap((o) => o.fired));
    for (const id of [
      'regulatory-authorisation',
      'falsified-medicine-indicators',
      'expiry-before-arrival',
      'watchlist',
      'preferential-origin-proof',
      'random-sampling',
    ]) {
      expect(fired).toContain(id);
    }
  });
});
