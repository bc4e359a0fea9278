import { PRIORITIES, type Reason } from '@app/contract/clearance-status';
import { PARTY_TYPES, TRANSPORT_CHANNELS } from '@app/contract/declaration';
import { PRIORITY_RANK, type RuleContext } from '../context';
import { Labels, type NameNormaliser } from '../normalise';
import { defineDecidingRuleKind } from '../rule-kind';
import { type ParamsOf, param } from '../rule-params';
import { type ReferenceLists } from '../types';

/** Rule 4: falsified-medicine indicators on CRITICAL items (Operation STOP). */
const FALSIFIED_MEDICINE_PARAMS = {
  /** Item priorities the indicators apply to (default CRITICAL). */
  priorities: param.enumArray(PRIORITIES, { minItems: 1, default: ['CRITICAL'] }),
  /** Consignee types that are an indicator on their own (default PRIVATE_INDIVIDUAL). */
  privateConsigneeTypes: param.enumArray(PARTY_TYPES, { minItems: 0, default: ['PRIVATE_INDIVIDUAL'] }),
  /** Small-consignment channels (the baseline: POSTAL, EXPRESS)... */
  riskyChannels: param.enumArray(TRANSPORT_CHANNELS, { minItems: 0 }),
  /** ...which are an indicator unless the consignee is one of these (a missing type is not trusted). */
  trustedConsigneeTypes: param.enumArray(PARTY_TYPES, { minItems: 0 }),
  /** Reference list of authorised manufacturers (the baseline: authorized-manufacturers). */
  manufacturerList: param.listName(),
};
type FalsifiedMedicineParams = ParamsOf<typeof FALSIFIED_MEDICINE_PARAMS>;

interface CompiledFalsifiedMedicine {
  ruleId: string;
  rankMask: number;
  privateConsigneeTypes: ReadonlySet<string>;
  riskyChannels: ReadonlySet<string>;
  trustedConsigneeTypes: ReadonlySet<string>;
  manufacturerList: string;
  /** Normalised authorised manufacturer names. */
  manufacturers: ReadonlySet<string>;
  goodsLabel: string;
}

function compileFalsifiedMedicine(
  ruleId: string,
  p: FalsifiedMedicineParams,
  lists: ReferenceLists,
  names: NameNormaliser,
): CompiledFalsifiedMedicine {
  let rankMask = 0;
  for (const pr of p.priorities) rankMask |= 1 << PRIORITY_RANK[pr];
  return {
    ruleId,
    rankMask,
    privateConsigneeTypes: new Set(p.privateConsigneeTypes),
    riskyChannels: new Set(p.riskyChannels),
    trustedConsigneeTypes: new Set(p.trustedConsigneeTypes),
    manufacturerList: p.manufacturerList,
    manufacturers: new Set((lists[p.manufacturerList] ?? []).map((n) => names.normalise(n)).filter((n) => n.length > 0)),
    goodsLabel: p.priorities.join('/'),
  };
}

function evaluateFalsifiedMedicine(ctx: RuleContext, c: CompiledFalsifiedMedicine): Reason[] | null {
  const d = ctx.declaration;
  const items = d.items;
  let covered = 0;
  let missing = 0;
  let unauthorised = 0;
  for (let i = 0; i < items.length; i++) {
    if ((c.rankMask & (1 << ctx.itemRanks[i])) === 0) continue;
    covered++;
    const m = items[i].manufacturer;
    if (m === undefined || m.name === undefined || m.name.length === 0) missing++;
    else if (!c.manufacturers.has(ctx.names.normalise(m.name))) unauthorised++;
  }
  if (covered === 0) return null;

  const consignee = d.parties.consignee;
  const type = consignee.type;
  const privateConsignee = type !== undefined && c.privateConsigneeTypes.has(type);
  const riskyChannel = c.riskyChannels.has(d.transport.channel) && (type === undefined || !c.trustedConsigneeTypes.has(type));
  if (!privateConsignee && !riskyChannel && missing === 0 && unauthorised === 0) return null;

  const out: Reason[] = [];
  const goods = `${c.goodsLabel} goods`;
  if (privateConsignee) {
    out.push({
      code: 'PRIVATE_CONSIGNEE_CRITICAL_GOODS',
      ruleId: c.ruleId,
      message: `${goods} consigned to a private individual (${consignee.name}): a falsified-medicine indicator; inspect.`,
    });
  }
  if (riskyChannel) {
    out.push({
      code: 'SMALL_CONSIGNMENT_CHANNEL_CRITICAL_GOODS',
      ruleId: c.ruleId,
      message: `${goods} sent by ${d.transport.channel} to a consignee that is not a government, international organisation or healthcare provider (${type ?? 'type not declared'}): a falsified-medicine indicator; inspect.`,
    });
  }
  if (missing > 0) {
    const lines = new Labels();
    for (let i = 0; i < items.length; i++) {
      if ((c.rankMask & (1 << ctx.itemRanks[i])) === 0) continue;
      const m = items[i].manufacturer;
      if (m === undefined || m.name === undefined || m.name.length === 0) lines.add(`line ${items[i].lineNo} (HS ${items[i].hsCode})`);
    }
    out.push({
      code: 'MANUFACTURER_MISSING',
      ruleId: c.ruleId,
      message: `No manufacturer declared for ${goods}: ${lines.text}; the product cannot be checked against the authorised manufacturers; inspect.`,
    });
  }
  if (unauthorised > 0) {
    const lines = new Labels();
    for (let i = 0; i < items.length; i++) {
      if ((c.rankMask & (1 << ctx.itemRanks[i])) === 0) continue;
      const m = items[i].manufacturer;
      if (m !== undefined && m.name && !c.manufacturers.has(ctx.names.normalise(m.name))) {
        lines.add(`line ${items[i].lineNo} by '${m.name}'`);
      }
    }
    out.push({
      code: 'MANUFACTURER_NOT_AUTHORISED',
      ruleId: c.ruleId,
      message: `Manufacturer of ${goods} not on the ${c.manufacturerList} list: ${lines.text}; possible falsified product; inspect.`,
    });
  }
  return out;
}

/** Internal by default: the indicators are targeting, not for the trade to read. */
export const falsifiedMedicineRuleKind = defineDecidingRuleKind({
  kind: 'FALSIFIED_MEDICINE_INDICATORS',
  defaultDisclosure: 'internal',
  params: FALSIFIED_MEDICINE_PARAMS,
  compile: (ruleId, params, inputs) => compileFalsifiedMedicine(ruleId, params, inputs.lists, inputs.names),
  evaluate: evaluateFalsifiedMedicine,
});
