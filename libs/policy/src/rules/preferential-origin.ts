import { type Reason } from '@app/contract/clearance-status';
import { SUPPORTING_DOCUMENT_TYPES } from '@app/contract/declaration';
import { type RuleContext, documentMask } from '../context';
import { Labels } from '../normalise';
import { defineDecidingRuleKind } from '../rule-kind';
import { type ParamsOf, param } from '../rule-params';

/** Rule 7: preferential origin claimed without proof of origin. */
const PREFERENTIAL_ORIGIN_PARAMS = {
  /** Any one of these documents proves the origin. */
  acceptedDocuments: param.enumArray(SUPPORTING_DOCUMENT_TYPES, { minItems: 1 }),
};
type PreferentialOriginParams = ParamsOf<typeof PREFERENTIAL_ORIGIN_PARAMS>;

interface CompiledPreferentialOrigin {
  ruleId: string;
  accepted: number;
  acceptedLabel: string;
}

function compilePreferentialOrigin(ruleId: string, p: PreferentialOriginParams): CompiledPreferentialOrigin {
  return { ruleId, accepted: documentMask(p.acceptedDocuments), acceptedLabel: p.acceptedDocuments.join(' or ') };
}

function evaluatePreferentialOrigin(ctx: RuleContext, c: CompiledPreferentialOrigin): Reason[] | null {
  if ((ctx.documents & c.accepted) !== 0) return null;
  const items = ctx.declaration.items;
  let lines: Labels | null = null;
  for (let i = 0; i < items.length; i++) {
    if (items[i].preferentialOriginClaimed === true) (lines ??= new Labels()).add(`line ${items[i].lineNo}`);
  }
  if (lines === null) return null;
  return [
    {
      code: 'ORIGIN_PROOF_MISSING',
      ruleId: c.ruleId,
      message: `Preferential origin claimed without a ${c.acceptedLabel} document: ${lines.text}.`,
    },
  ];
}

export const preferentialOriginRuleKind = defineDecidingRuleKind({
  kind: 'PREFERENTIAL_ORIGIN_PROOF',
  defaultDisclosure: 'public',
  params: PREFERENTIAL_ORIGIN_PARAMS,
  compile: compilePreferentialOrigin,
  evaluate: evaluatePreferentialOrigin,
});
