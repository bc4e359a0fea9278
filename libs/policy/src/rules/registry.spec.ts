import { RULE_KIND_REGISTRY, RULE_KINDS, isRuleKind, ruleKindModule } from './registry';

describe('the rule kind registry', () => {
  it('lists each kind once, priority and cold chain as the classifications', () => {
    expect(new Set(RULE_KINDS).size).toBe(RULE_KIND_REGISTRY.length);
    expect(RULE_KIND_REGISTRY.filter((k) => k.role === 'classification').map((k) => k.kind)).toEqual([
      'PRIORITY_CLASSIFICATION',
      'COLD_CHAIN',
    ]);
  });

  it('gives each kind its own module', () => {
    for (const kind of RULE_KINDS) expect(ruleKindModule(kind).kind).toBe(kind);
  });

  it.each([
    ['WATCHLIST', true],
    ['MAGIC', false],
    ['watchlist', false],
    [undefined, false],
    ['toString', false],
  ])('isRuleKind(%j) is %s', (value, expected) => {
    expect(isRuleKind(value)).toBe(expected);
  });

  it('declares watchlist and falsified-medicine kinds internal, the rest public (docs/contract.md#disclosure)', () => {
    const internal = RULE_KIND_REGISTRY.filter((k) => k.defaultDisclosure === 'internal').map((k) => k.kind);
    expect(internal).toEqual(['FALSIFIED_MEDICINE_INDICATORS', 'WATCHLIST']);
  });
});
