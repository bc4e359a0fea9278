import { type Priority, type Reason } from '@app/contract/clearance-status';
import { type Declaration } from '@app/contract/declaration';
import { PRIORITY_BY_RANK, type RuleContext, declarationDocumentMask } from './context';
import { NameNormaliser } from './normalise';
import { InvalidRulesetError, validateRulesetDocument } from './ruleset-validation';
import {
  type CompiledColdChain,
  type ColdChainParams,
  coldChainReason,
  compileColdChain,
  controlledInspectionReason,
  isColdChain,
} from './rules/cold-chain';
import { type ExpiryBeforeArrivalParams, compileExpiryBeforeArrival, evaluateExpiryBeforeArrival } from './rules/expiry-before-arrival';
import { type FalsifiedMedicineParams, compileFalsifiedMedicine, evaluateFalsifiedMedicine } from './rules/falsified-medicine';
import { type PreferentialOriginParams, compilePreferentialOrigin, evaluatePreferentialOrigin } from './rules/preferential-origin';
import {
  type CompiledPriorityClassification,
  type PriorityClassificationParams,
  classifyItem,
  classifyItems,
  compilePriorityClassification,
  priorityReason,
} from './rules/priority-classification';
import { type RandomSamplingParams, compileRandomSampling, evaluateRandomSampling } from './rules/random-sampling';
import {
  type RegulatoryAuthorisationParams,
  compileRegulatoryAuthorisation,
  evaluateRegulatoryAuthorisation,
} from './rules/regulatory-authorisation';
import { type WatchlistParams, compileWatchlist, evaluateWatchlist } from './rules/watchlist';
import {
  type Assessment,
  OUTCOME_SEVERITY,
  type PolicyInputs,
  type RuleDefinition,
  type RuleKind,
  type RuleOutcome,
  type Ruleset,
} from './types';

/** Rule id of the reason given when nothing fired above PRE_CLEARED. */
export const PRE_CLEARANCE_RULE_ID = 'pre-clearance';
/** Rule id of the final-outcome reason. */
export const SEVERITY_ORDER_RULE_ID = 'severity-order';

/** The one reason the trade reads in place of every internal rule's (docs/contract.md#disclosure). */
export const CUSTOMS_CONTROL_REASON: Reason = Object.freeze({
  code: 'CUSTOMS_CONTROL',
  ruleId: 'customs-control',
  message: 'Selected for customs control',
});

const SEVERITY_LABEL = [...OUTCOME_SEVERITY].reverse().join(' > ');

/** A policy ready to assess declarations; build it once per (ruleset, lists, watchlist) change. */
export interface CompiledPolicy {
  readonly rulesetVersion: number;
  readonly ruleset: Ruleset;
  /** Ids of the enabled rules, in the order they run. */
  readonly ruleIds: readonly string[];
  /** Pure apart from a private scratch buffer and name memo: same inputs, same assessment. */
  assess(declaration: Declaration, now: Date): Assessment;
  /** The priority rule 1 gives items with these HS codes (the triage's lane choice). */
  priorityOf(hsCodes: readonly string[]): Priority;
  /** Sources (besides a shipment's owner) whose arrivals are accepted: the `arrival-sources` list. */
  readonly arrivalSources: ReadonlySet<string>;
}

interface DecidingRule {
  id: string;
  kind: RuleKind;
  internal: boolean;
  outcome: RuleOutcome;
  severity: number;
  evaluate(ctx: RuleContext): Reason[] | null;
}

function compileDecidingRule(def: RuleDefinition, inputs: PolicyInputs, names: NameNormaliser): DecidingRule | null {
  const outcome = def.outcome ?? 'PRE_CLEARED';
  const base = {
    id: def.id,
    kind: def.kind,
    internal: def.disclosure === 'internal',
    outcome,
    severity: OUTCOME_SEVERITY.indexOf(outcome),
  };
  const kind: RuleKind = def.kind;
  switch (kind) {
    case 'REGULATORY_AUTHORISATION': {
      const c = compileRegulatoryAuthorisation(def.id, def.params as unknown as RegulatoryAuthorisationParams);
      return { ...base, evaluate: (ctx) => evaluateRegulatoryAuthorisation(ctx, c) };
    }
    case 'FALSIFIED_MEDICINE_INDICATORS': {
      const c = compileFalsifiedMedicine(def.id, def.params as unknown as FalsifiedMedicineParams, inputs.lists, names);
      return { ...base, evaluate: (ctx) => evaluateFalsifiedMedicine(ctx, c) };
    }
    case 'EXPIRY_BEFORE_ARRIVAL': {
      const c = compileExpiryBeforeArrival(def.id, def.params as unknown as ExpiryBeforeArrivalParams);
      return { ...base, evaluate: (ctx) => evaluateExpiryBeforeArrival(ctx, c) };
    }
    case 'WATCHLIST': {
      const c = compileWatchlist(def.id, def.params as unknown as WatchlistParams, inputs.watchlist, names);
      return { ...base, evaluate: (ctx) => evaluateWatchlist(ctx, c) };
    }
    case 'PREFERENTIAL_ORIGIN_PROOF': {
      const c = compilePreferentialOrigin(def.id, def.params as unknown as PreferentialOriginParams);
      return { ...base, evaluate: (ctx) => evaluatePreferentialOrigin(ctx, c) };
    }
    case 'RANDOM_SAMPLING': {
      const c = compileRandomSampling(def.id, def.params as unknown as RandomSamplingParams);
      return { ...base, evaluate: (ctx) => evaluateRandomSampling(ctx, c) };
    }
    case 'PRIORITY_CLASSIFICATION':
    case 'COLD_CHAIN':
      return null;
  }
}

/** How a rule is named in the final reason: by its id, or for the trade, an internal one as customs control. */
type RuleNaming = (rule: DecidingRule) => string;
const byId: RuleNaming = (rule) => rule.id;
const forTheTrade: RuleNaming = (rule) => (rule.internal ? CUSTOMS_CONTROL_REASON.ruleId : rule.id);
const distinct = (names: string[]) => [...new Set(names)];

function finalReason(status: RuleOutcome, fired: DecidingRule[], name: RuleNaming): Reason {
  if (status === 'PRE_CLEARED') {
    const reported = fired.length > 0 ? ` Reported without changing the outcome: ${distinct(fired.map(name)).join(', ')}.` : '';
    return {
      code: 'NO_RISK_FOUND',
      ruleId: PRE_CLEARANCE_RULE_ID,
      message: `No rule found a risk: pre-cleared, to be released on arrival.${reported}`,
    };
  }
  const deciding: string[] = [];
  const others: string[] = [];
  for (const r of fired) {
    if (r.outcome === status) deciding.push(name(r));
    else others.push(`${name(r)} (${r.outcome})`);
  }
  const also = others.length > 0 ? `; also fired: ${distinct(others).join(', ')}` : '';
  return {
    code: `OUTCOME_${status}`,
    ruleId: SEVERITY_ORDER_RULE_ID,
    message: `${status}, the most severe outcome of the rules that fired (${SEVERITY_LABEL}), decided by ${distinct(deciding).join(', ')}${also}.`,
  };
}

/**
 * The reasons for the trade: each internal rule's reasons give way to one CUSTOMS_CONTROL reason
 * (where the first of them was), and the final reason names internal rules only as customs control.
 */
function publicReasons(reasons: Reason[], internalRuleIds: ReadonlySet<string>, status: RuleOutcome, fired: DecidingRule[]): Reason[] {
  const out: Reason[] = [];
  let controlled = false;
  for (const reason of reasons) {
    if (internalRuleIds.has(reason.ruleId)) {
      if (!controlled) out.push({ ...CUSTOMS_CONTROL_REASON });
      controlled = true;
    } else if (reason.ruleId === SEVERITY_ORDER_RULE_ID || reason.ruleId === PRE_CLEARANCE_RULE_ID) {
      out.push(finalReason(status, fired, forTheTrade));
    } else {
      out.push(reason);
    }
  }
  return out;
}

/**
 * Validates the ruleset document and precompiles lists and watchlist (normalised HS prefixes,
 * normalised names, Sets and Maps) once. Throws InvalidRulesetError on an invalid document.
 */
export function compilePolicy(inputs: PolicyInputs): CompiledPolicy {
  const validation = validateRulesetDocument(inputs.ruleset.document);
  if (!validation.ok) throw new InvalidRulesetError(validation.errors);
  const document = validation.document;
  const names = new NameNormaliser();

  let classification: CompiledPriorityClassification | undefined;
  let coldChainRule: CompiledColdChain | undefined;
  const deciding: DecidingRule[] = [];
  for (const def of document.rules) {
    if (def.kind === 'PRIORITY_CLASSIFICATION') {
      classification = compilePriorityClassification(def.id, def.params as unknown as PriorityClassificationParams, inputs.lists);
    } else if (def.kind === 'COLD_CHAIN') {
      coldChainRule = compileColdChain(def.id, def.params as unknown as ColdChainParams);
    } else if (def.enabled) {
      const rule = compileDecidingRule(def, inputs, names);
      if (rule !== null) deciding.push(rule);
    }
  }
  // Validation guarantees exactly one of each.
  const pc = classification!;
  const cc = coldChainRule!;
  const rulesetVersion = inputs.ruleset.version;
  const internalRuleIds: ReadonlySet<string> = new Set(document.rules.filter((r) => r.disclosure === 'internal').map((r) => r.id));
  let ranks = new Uint8Array(1000);

  function assess(declaration: Declaration, now: Date): Assessment {
    const items = declaration.items;
    if (items.length > ranks.length) ranks = new Uint8Array(items.length);
    const rank = classifyItems(items, pc, ranks);
    const priority = PRIORITY_BY_RANK[rank];
    const coldChain = isColdChain(items, cc);
    const reasons: Reason[] = [priorityReason(items, ranks, rank, pc)];
    if (coldChain) reasons.push(coldChainReason(items, cc));

    const ctx: RuleContext = {
      declaration,
      nowMs: now.getTime(),
      itemRanks: ranks,
      priority,
      coldChain,
      documents: declarationDocumentMask(declaration),
      names,
    };
    let severity = 0;
    let fired: DecidingRule[] | null = null;
    for (let i = 0; i < deciding.length; i++) {
      const rule = deciding[i];
      const found = rule.evaluate(ctx);
      if (found === null) continue;
      for (let j = 0; j < found.length; j++) reasons.push(found[j]);
      (fired ??= []).push(rule);
      if (rule.severity > severity) severity = rule.severity;
    }
    const status = OUTCOME_SEVERITY[severity];
    if (coldChain) {
      const r = controlledInspectionReason(status, cc);
      if (r !== null) reasons.push(r);
    }
    reasons.push(finalReason(status, fired ?? [], byId));
    const anyInternal = internalRuleIds.size > 0 && reasons.some((r) => internalRuleIds.has(r.ruleId));
    return {
      status,
      priority,
      coldChain,
      reasons,
      publicReasons: anyInternal ? publicReasons(reasons, internalRuleIds, status, fired ?? []) : reasons,
      watchlistHold: fired?.some((r) => r.kind === 'WATCHLIST' && r.outcome === status) ?? false,
      rulesetVersion,
    };
  }

  function priorityOf(hsCodes: readonly string[]): Priority {
    let rank = 2;
    for (let i = 0; i < hsCodes.length && rank > 0; i++) rank = Math.min(rank, classifyItem(hsCodes[i], pc));
    return PRIORITY_BY_RANK[rank];
  }

  return {
    rulesetVersion,
    ruleset: { version: rulesetVersion, document },
    ruleIds: document.rules.filter((r) => r.enabled).map((r) => r.id),
    assess,
    priorityOf,
    arrivalSources: new Set(inputs.lists['arrival-sources'] ?? []),
  };
}
