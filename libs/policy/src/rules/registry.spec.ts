import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('docs/contract.md#rules-are-data', () => {
  const contract = readFileSync(join(__dirname, '../../../../docs/contract.md'), 'utf8');
  const section = contract.slice(contract.indexOf('### Rules are data'));

  it.each(RULE_KIND_REGISTRY.map((k) => [k.kind, k] as const))(
    'documents %s with every parameter and its default disclosure',
    (kind, ruleKind) => {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${kind}\``));
      expect(row).toBeDefined();
      for (const name of Object.keys(ruleKind.params)) expect(row).toContain(`\`${name}\``);
      expect(row!.trim().endsWith(`| ${ruleKind.defaultDisclosure} |`)).toBe(true);
    },
  );
});
