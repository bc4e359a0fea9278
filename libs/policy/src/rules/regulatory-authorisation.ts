import { type Priority, type Reason } from '@app/contract/clearance-status';
import { type SupportingDocumentType } from '@app/contract/declaration';
import { PRIORITY_RANK, type RuleContext, documentMask } from '../context';
import { Labels } from '../normalise';
import { PrefixIndex } from '../prefix-index';

/** Rule 3: CRITICAL/ESSENTIAL goods under HS 3002/3004 need a health-regulator authorisation. */
export interface RegulatoryAuthorisationParams {
  priorities: Priority[];
  hsPrefixes: string[];
  acceptedDocuments: SupportingDocumentType[];
}

export interface CompiledRegulatoryAuthorisation {
  ruleId: string;
  /** Bit i set when priority rank i is covered. */
  rankMask: number;
  hsPrefixes: PrefixIndex;
  accepted: number;
  acceptedLabel: string;
}

export function compileRegulatoryAuthorisation(ruleId: string, p: RegulatoryAuthorisationParams): CompiledRegulatoryAuthorisation {
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

export function evaluateRegulatoryAuthorisation(ctx: RuleContext, c: CompiledRegulatoryAuthorisation): Reason[] | null {
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
