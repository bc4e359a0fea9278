import { type Reason } from '@app/contract/clearance-status';
import { type Item } from '@app/contract/declaration';
import { PRIORITY_BY_RANK } from '../context';
import { Labels } from '../normalise';
import { PrefixIndex } from '../prefix-index';
import { defineClassificationRuleKind } from '../rule-kind';
import { type ParamsOf, param } from '../rule-params';
import { type ReferenceLists } from '../types';

/** Rule 1: CRITICAL, ESSENTIAL or STANDARD by HS-code prefix lists. */
const PRIORITY_CLASSIFICATION_PARAMS = {
  /** The reference list of CRITICAL HS code prefixes. */
  criticalList: param.listName(),
  /** The reference list of ESSENTIAL HS code prefixes (an item on both is CRITICAL). */
  essentialList: param.listName(),
};
type PriorityClassificationParams = ParamsOf<typeof PRIORITY_CLASSIFICATION_PARAMS>;

export interface CompiledPriorityClassification {
  ruleId: string;
  criticalList: string;
  essentialList: string;
  critical: PrefixIndex;
  essential: PrefixIndex;
}

function compilePriorityClassification(
  ruleId: string,
  params: PriorityClassificationParams,
  lists: ReferenceLists,
): CompiledPriorityClassification {
  return {
    ruleId,
    criticalList: params.criticalList,
    essentialList: params.essentialList,
    critical: new PrefixIndex(lists[params.criticalList] ?? []),
    essential: new PrefixIndex(lists[params.essentialList] ?? []),
  };
}

/** Rank of one item: 0 CRITICAL, 1 ESSENTIAL, 2 STANDARD. */
export function classifyItem(hsCode: string, c: CompiledPriorityClassification): number {
  if (c.critical.matches(hsCode)) return 0;
  if (c.essential.matches(hsCode)) return 1;
  return 2;
}

/** Writes each item's rank into ranksOut and returns the shipment's rank (the highest priority). */
export function classifyItems(items: readonly Item[], c: CompiledPriorityClassification, ranksOut: Uint8Array): number {
  let best = 2;
  for (let i = 0; i < items.length; i++) {
    const r = classifyItem(items[i].hsCode, c);
    ranksOut[i] = r;
    if (r < best) best = r;
  }
  return best;
}

/** The one priority reason every assessment carries. */
export function priorityReason(items: readonly Item[], ranks: Uint8Array, shipmentRank: number, c: CompiledPriorityClassification): Reason {
  if (shipmentRank === 2) {
    return {
      code: 'STANDARD_GOODS',
      ruleId: c.ruleId,
      message: `No item is on the critical (${c.criticalList}) or essential (${c.essentialList}) medical goods lists: standard goods, standard handling.`,
    };
  }
  const lines = new Labels();
  for (let i = 0; i < items.length; i++) {
    if (ranks[i] === shipmentRank) lines.add(`line ${items[i].lineNo} (HS ${items[i].hsCode})`);
  }
  const priority = PRIORITY_BY_RANK[shipmentRank];
  return priority === 'CRITICAL'
    ? {
        code: 'CRITICAL_MEDICAL_GOODS',
        ruleId: c.ruleId,
        message: `Critical medical goods (vaccines, immunological products) on the ${c.criticalList} list: ${lines.text}. Process with top priority and release at once when cleared.`,
      }
    : {
        code: 'ESSENTIAL_MEDICAL_SUPPLIES',
        ruleId: c.ruleId,
        message: `Essential medical supplies (vaccination and response supplies) on the ${c.essentialList} list: ${lines.text}. Process with priority.`,
      };
}

/** Classification: every item and shipment gets a priority; compilePolicy gives the reason above. */
export const priorityClassificationRuleKind = defineClassificationRuleKind({
  kind: 'PRIORITY_CLASSIFICATION',
  defaultDisclosure: 'public',
  params: PRIORITY_CLASSIFICATION_PARAMS,
  compile: (ruleId, params, inputs) => compilePriorityClassification(ruleId, params, inputs.lists),
});
