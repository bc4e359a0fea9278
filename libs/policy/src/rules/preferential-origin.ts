import { type Reason } from '@app/contract/clearance-status';
import { type SupportingDocumentType } from '@app/contract/declaration';
import { type RuleContext, documentMask } from '../context';
import { Labels } from '../normalise';

/** Rule 7: preferential origin claimed without proof of origin. */
export interface PreferentialOriginParams {
  acceptedDocuments: SupportingDocumentType[];
}

export interface CompiledPreferentialOrigin {
  ruleId: string;
  accepted: number;
  acceptedLabel: string;
}

export function compilePreferentialOrigin(ruleId: string, p: PreferentialOriginParams): CompiledPreferentialOrigin {
  return { ruleId, accepted: documentMask(p.acceptedDocuments), acceptedLabel: p.acceptedDocuments.join(' or ') };
}

export function evaluatePreferentialOrigin(ctx: RuleContext, c: CompiledPreferentialOrigin): Reason[] | null {
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
