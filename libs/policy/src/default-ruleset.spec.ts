import { DEFAULT_REFERENCE_LISTS, DEFAULT_RULESET_DOCUMENT } from './default-ruleset';
import { validateRulesetDocument } from './ruleset-validation';
import { RULE_KINDS } from './rules/registry';

describe('default ruleset', () => {
  it('given the default document, when validated, then it is valid and unchanged', () => {
    const r = validateRulesetDocument(DEFAULT_RULESET_DOCUMENT);
    expect(r).toEqual({ ok: true, document: DEFAULT_RULESET_DOCUMENT });
  });

  it('has one rule of every kind, in the order of the contract', () => {
    expect(DEFAULT_RULESET_DOCUMENT.rules.map((r) => r.kind)).toEqual([...RULE_KINDS]);
  });

  it('has the reference lists of the contract', () => {
    expect(DEFAULT_REFERENCE_LISTS['critical-hs-codes']).toHaveLength(6);
    expect(DEFAULT_REFERENCE_LISTS['essential-hs-codes']).toHaveLength(10);
    expect(DEFAULT_REFERENCE_LISTS['authorized-manufacturers']).toHaveLength(12);
  });
});
