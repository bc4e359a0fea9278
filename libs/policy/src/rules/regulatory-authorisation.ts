import { PRIORITIES, type Reason } from '@app/contract/clearance-status';
import { SUPPORTING_DOCUMENT_TYPES } from '@app/contract/declaration';
import { PRIORITY_RANK, type RuleContext, documentMask } from '../context';
import { Labels } from '../normalise';
import { PrefixIndex } from '../prefix-index';
import { defineDecidingRuleKind } from '../rule-kind';
import { type ParamsOf, param } from '../rule-params';

/** Rule 3: CRITICAL/ESSENTIAL goods under HS 3002/3004 need a health-regulator authorisation. */
const REGULATORY_AUTHORISATION_PARAMS = {
  /** Item priorities the rule applies to. */
  priorities: param.enumArray(PRIORITIES, { minItems: 1 }),
  /** HS code prefixes of the goods that need an authorisation. */
  hsPrefixes: param.hsPrefixArray({ minItems: 1 }),
  /** Any one of these documents is an authorisation. */
  acceptedDocuments: param.enumArray(SUPPORTING_DOCUMENT_TYPES, { minItems: 1 }),
};
type RegulatoryAuthorisationParams = ParamsOf<typeof REGULATORY_AUTHORISATION_PARAMS>;

interface CompiledRegulatoryAuthorisation {
  ruleId: string;
  /** Bit i set when priority rank i is covered. */
  rankMask: number;
  hsPrefixes: PrefixIndex;
  accepted: number;
  acceptedLabel: string;
}

function compileRegulatoryAuthorisation(ruleId: string, p: RegulatoryAuthorisationParams): CompiledRegulatoryAuthorisation {
  let rankMask = 0;
  for (const pr of p.priorities) rankMask |= 1 << PRIORITY_RANK[pr];
  return {
    ruleId,
    rankMask,
    hsPrefixes: new PrefixIndex(p.hsPrefixes),
    accepted: documentMask(p.acceptedDocuments),
    acceptedLabel: p.acceptedDocuments.join(' or '),
  };
}

function evaluateRegulatoryAuthorisation(ctx: RuleContext, c: CompiledRegulatoryAuthorisation): Reason[] | null {
  if ((ctx.documents & c.accepted) !== 0) return null;
  const items = ctx.declaration.items;
  let first = -1;
  for (let i = 0; i < items.length; i++) {
    if ((c.rankMask & (1 << ctx.itemRanks[i])) !== 0 && c.hsPrefixes.matches(items[i].hsCode)) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const lines = new Labels();
  for (let i = first; i < items.length; i++) {
    if ((c.rankMask & (1 << ctx.itemRanks[i])) !== 0 && c.hsPrefixes.matches(items[i].hsCode)) {
      lines.add(`line ${items[i].lineNo} (HS ${items[i].hsCode})`);
    }
  }
  return [
    {
      code: 'REGULATORY_AUTHORISATION_MISSING',
      ruleId: c.ruleId,
      message: `Medicines or vaccines need a health-regulator authorisation, but no ${c.acceptedLabel} document is declared: ${lines.text}.`,
    },
  ];
}

export const regulatoryAuthorisationRuleKind = defineDecidingRuleKind({
  kind: 'REGULATORY_AUTHORISATION',
  defaultDisclosure: 'public',
  params: REGULATORY_AUTHORISATION_PARAMS,
  compile: compileRegulatoryAuthorisation,
  evaluate: evaluateRegulatoryAuthorisation,
});
