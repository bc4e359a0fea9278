import { type Reason } from '@app/contract/clearance-status';
import { type Declaration } from '@app/contract/declaration';
import { aDeclaration, aDryIceItem, aStandardItem } from '@app/contract/testing';
import { declarationDocumentMask, type RuleContext } from './context';
import { NameNormaliser } from './normalise';
import { type CompileInputs, defineDecidingRuleKind, InvalidRuleParamsError } from './rule-kind';
import { type ParamsOf, param } from './rule-params';
import { type RulesetValidationError } from './ruleset-validation';
import { DEFAULT_REFERENCE_LISTS } from './default-ruleset';
import { NOW } from './testing/policy.fixtures';

// The worked example of docs/architecture.md#how-to-add-a-rule-kind, checked here as it is written there.
const DANGEROUS_GOODS_PARAMS = {
  /** UN numbers that need a dangerous-goods check. */
  unNumbers: param.unNumberArray({ minItems: 1 }),
  /** Whether dry ice (UN1845, a cold-chain refrigerant) is exempt. */
  exemptDryIce: param.boolean({ default: true }),
};
type DangerousGoodsParams = ParamsOf<typeof DANGEROUS_GOODS_PARAMS>;

interface CompiledDangerousGoods {
  ruleId: string;
  unNumbers: ReadonlySet<string>;
}

function compileDangerousGoods(ruleId: string, p: DangerousGoodsParams): CompiledDangerousGoods {
  return { ruleId, unNumbers: new Set(p.unNumbers.filter((u) => !(p.exemptDryIce && u === 'UN1845'))) };
}

function evaluateDangerousGoods(ctx: RuleContext, c: CompiledDangerousGoods): Reason[] | null {
  let lines: string[] | null = null;
  for (const item of ctx.declaration.items) {
    const un = item.dangerousGoods?.unNumber;
    if (un !== undefined && c.unNumbers.has(un)) (lines ??= []).push(`line ${item.lineNo} (${un})`);
  }
  if (lines === null) return null; // did not fire
  return [{ code: 'DANGEROUS_GOODS', ruleId: c.ruleId, message: `Dangerous goods declared: ${lines.join(', ')}.` }];
}

const dangerousGoodsRuleKind = defineDecidingRuleKind({
  kind: 'DANGEROUS_GOODS',
  defaultDisclosure: 'public',
  params: DANGEROUS_GOODS_PARAMS,
  compile: compileDangerousGoods,
  evaluate: evaluateDangerousGoods,
});

const inputs: CompileInputs = { lists: DEFAULT_REFERENCE_LISTS, watchlist: [], names: new NameNormaliser() };

function contextOf(declaration: Declaration): RuleContext {
  return {
    declaration,
    nowMs: NOW.getTime(),
    itemRanks: new Uint8Array(declaration.items.length).fill(2),
    priority: 'STANDARD',
    coldChain: false,
    documents: declarationDocumentMask(declaration),
    names: inputs.names,
  };
}

const lithium = () => aStandardItem({ lineNo: 2, dangerousGoods: { unNumber: 'UN3480' } });

describe('a rule kind declared with defineDecidingRuleKind (the worked example)', () => {
  describe('readParams (what ruleset validation calls)', () => {
    it('given valid params without the optional one, then the clean params with its default', () => {
      const errors: RulesetValidationError[] = [];
      expect(dangerousGoodsRuleKind.readParams('rules[8].params', { unNumbers: ['UN3480'] }, errors)).toEqual({
        unNumbers: ['UN3480'],
        exemptDryIce: true,
      });
      expect(errors).toEqual([]);
    });

    it('given bad, missing and unknown params, then each is named by its path and the kind', () => {
      const errors: RulesetValidationError[] = [];
      expect(dangerousGoodsRuleKind.readParams('rules[8].params', { unNumber: 'UN3480', exemptDryIce: 'yes' }, errors)).toBeNull();
      expect(errors).toEqual([
        { path: 'rules[8].params.unNumber', message: 'unknown parameter for DANGEROUS_GOODS (allowed: unNumbers, exemptDryIce)' },
        { path: 'rules[8].params.unNumbers', message: 'is required for DANGEROUS_GOODS' },
        { path: 'rules[8].params.exemptDryIce', message: 'must be true or false, got the string "yes"' },
      ]);
    });
  });

  describe('compileRule (what compilePolicy calls)', () => {
    const evaluate = dangerousGoodsRuleKind.compileRule('dangerous-goods', { unNumbers: ['UN3480', 'UN1845'] }, inputs);

    it('given a declaration with a listed UN number, then it fires naming the line', () => {
      const found = evaluate(contextOf(aDeclaration({ items: [aStandardItem({ lineNo: 1 }), lithium()] })));
      expect(found).toEqual([
        { code: 'DANGEROUS_GOODS', ruleId: 'dangerous-goods', message: 'Dangerous goods declared: line 2 (UN3480).' },
      ]);
    });

    it('given only dry ice, exempt by default, then it does not fire', () => {
      expect(evaluate(contextOf(aDeclaration({ items: [aDryIceItem()] })))).toBeNull();
    });

    it('given exemptDryIce false, then dry ice fires too', () => {
      const strict = dangerousGoodsRuleKind.compileRule('dg', { unNumbers: ['UN1845'], exemptDryIce: false }, inputs);
      expect(strict(contextOf(aDeclaration({ items: [aDryIceItem({ lineNo: 3 })] })))).toEqual([
        expect.objectContaining({ code: 'DANGEROUS_GOODS', message: 'Dangerous goods declared: line 3 (UN1845).' }),
      ]);
    });

    it('given params its kind refuses, then it throws naming the rule rather than compile a wrong rule', () => {
      expect(() => dangerousGoodsRuleKind.compileRule('dg', { unNumbers: ['3480'] }, inputs)).toThrow(InvalidRuleParamsError);
      expect(() => dangerousGoodsRuleKind.compileRule('dg', { unNumbers: ['3480'] }, inputs)).toThrow(
        'rule dg: invalid params: params.unNumbers[0]: must be a UN number like UN1845, got the string "3480"',
      );
    });
  });

  it('has the role, kind and default disclosure it declares', () => {
    expect(dangerousGoodsRuleKind).toMatchObject({ role: 'deciding', kind: 'DANGEROUS_GOODS', defaultDisclosure: 'public' });
    expect(Object.keys(dangerousGoodsRuleKind.params)).toEqual(['unNumbers', 'exemptDryIce']);
  });
});
