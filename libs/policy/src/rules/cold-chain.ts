import { type Reason } from '@app/contract/clearance-status';
import { type Item } from '@app/contract/declaration';
import { Labels } from '../normalise';
import { defineClassificationRuleKind } from '../rule-kind';
import { type ParamsOf, param } from '../rule-params';
import { OUTCOME_SEVERITY, type RuleOutcome } from '../types';

/** Rule 2: temperature-controlled goods. */
const COLD_CHAIN_PARAMS = {
  /** An item stored at storageTemperature.maxC <= this is cold chain (the baseline: 8). */
  maxStorageTempC: param.number({ min: -100, max: 40, unit: '°C' }),
  /** Dangerous-goods UN numbers that mean cold chain (the baseline: UN1845, dry ice). */
  unNumbers: param.unNumberArray({ minItems: 0 }),
  /** Final statuses that mean "selected for inspection" (default INSPECTION_REQUIRED). */
  controlledInspectionStatuses: param.enumArray(
    OUTCOME_SEVERITY.filter((o) => o !== 'PRE_CLEARED'),
    { minItems: 0, default: ['INSPECTION_REQUIRED'] },
  ),
};
type ColdChainParams = ParamsOf<typeof COLD_CHAIN_PARAMS>;

interface CompiledColdChain {
  ruleId: string;
  maxStorageTempC: number;
  unNumbers: ReadonlySet<string>;
  controlledInspectionStatuses: ReadonlySet<string>;
  unNumbersLabel: string;
}

function compileColdChain(ruleId: string, params: ColdChainParams): CompiledColdChain {
  return {
    ruleId,
    maxStorageTempC: params.maxStorageTempC,
    unNumbers: new Set(params.unNumbers.map((u) => u.toUpperCase())),
    controlledInspectionStatuses: new Set(params.controlledInspectionStatuses),
    unNumbersLabel: params.unNumbers.length > 0 ? ` or refrigerant ${params.unNumbers.join('/')}` : '',
  };
}

function hasColdChainUn(item: Item, c: CompiledColdChain): boolean {
  const un = item.dangerousGoods?.unNumber;
  return un !== undefined && (c.unNumbers.has(un) || c.unNumbers.has(un.toUpperCase()));
}

export function isColdChain(items: readonly Item[], c: CompiledColdChain): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const t = item.storageTemperature;
    if (t !== undefined && t.maxC <= c.maxStorageTempC) return true;
    if (item.dangerousGoods !== undefined && hasColdChainUn(item, c)) return true;
  }
  return false;
}

export function coldChainReason(items: readonly Item[], c: CompiledColdChain): Reason {
  const lines = new Labels();
  for (const item of items) {
    const t = item.storageTemperature;
    if (t !== undefined && t.maxC <= c.maxStorageTempC) {
      lines.add(`line ${item.lineNo} to be kept at ${t.minC} to ${t.maxC} °C`);
    } else if (hasColdChainUn(item, c)) {
      lines.add(`line ${item.lineNo} declares ${item.dangerousGoods!.unNumber}`);
    }
  }
  return {
    code: 'COLD_CHAIN',
    ruleId: c.ruleId,
    message: `Cold-chain shipment (storage at or below ${c.maxStorageTempC} °C${c.unNumbersLabel}): ${lines.text}. Keep the cold chain intact; do not leave in ambient storage.`,
  };
}

export function controlledInspectionReason(status: RuleOutcome, c: CompiledColdChain): Reason | null {
  if (!c.controlledInspectionStatuses.has(status)) return null;
  return {
    code: 'COLD_CHAIN_CONTROLLED_INSPECTION',
    ruleId: c.ruleId,
    message: `Cold-chain shipment selected for inspection (${status}): inspect it at a temperature-controlled facility and keep it within its declared temperature range throughout.`,
  };
}

/** Classification: every shipment is cold chain or not; compilePolicy adds the reasons above. */
export const coldChainRuleKind = defineClassificationRuleKind({
  kind: 'COLD_CHAIN',
  defaultDisclosure: 'public',
  params: COLD_CHAIN_PARAMS,
  compile: compileColdChain,
});
