import { Priority, Reason } from '@app/contract/clearance-status';
import { Declaration } from '@app/contract/declaration';
import { PRIORITY_BY_RANK, RuleContext, declarationDocumentMask } from './context';
import { NameNormaliser } from './normalise';
import { InvalidRulesetError, validateRulesetDocument } from './ruleset-validation';
import { CompiledColdChain, ColdChainParams, coldChainReason, compileColdChain, controlledInspectionReason, isColdChain } from './rules/cold-chain';
import { ExpiryBeforeArrivalParams, compileExpiryBeforeArrival, evaluateExpiryBeforeArrival } from './rules/expiry-before-arrival';
import { FalsifiedMedicineParams, compileFalsifiedMedicine, evaluateFalsifiedMedicine } from './rules/falsified-medicine';
import { PreferentialOriginParams, compilePreferentialOrigin, evaluatePreferentialOrigin } from './rules/preferential-origin';
import {
  CompiledPriorityClassification,
  PriorityClassificationParams,
  classifyItem,
  classifyItems,
  compilePriorityClassification,
  priorityReason,
} from './rules/priority-classification';
import { RandomSamplingParams, compileRandomSampling, evaluateRandomSampling } from './rules/random-sampling';
import {
  RegulatoryAuthorisationParams,
  compileRegulatoryAuthorisation,
  evaluateRegulatoryAuthorisation,
} from './rules/regulatory-authorisation';
import { WatchlistParams, compileWatchlist, evaluateWatchlist } from './rules/watchlist';
import { Assessment, OUTCOME_SEVERITY, PolicyInputs, RuleDefinition, RuleKind, RuleOutcome, Ruleset } from './types';

/** Rule id of the reason given when nothing fired above PRE_CLEARED. */
export const PRE_CLEARANCE_RULE_ID = 'pre-clearance';
/** Rule id of the final-outcome reason. */
export const SEVERITY_ORDER_RULE_ID = 'severity-order';

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
}

interface DecidingRule {
  id: string;
  outcome: RuleOutcome;
  severity: number;
  evaluate(ctx: RuleContext): Reason[] | null;
}

function compileDecidingRule(def: RuleDefinition, inputs: PolicyInputs, names: NameNormaliser): DecidingRule | null {
  const outcome = def.outcome ?? 'PRE_CLEARED';
  const base = { id: def.id, outcome, severity: OUTCOME_SEVERITY.indexOf(outcome) };
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

function finalReason(status: RuleOutcome, fired: DecidingRule[]): Reason {
  if (status === 'PRE_CLEARED') {
    const reported = fired.length > 0 ? ` Reported without changing the outcome: ${fired.map((r) => r.id).join(', ')}.` : '';
    return {
      code: 'NO_RISK_FOUND',
      ruleId: PRE_CLEARANCE_RULE_ID,
      message: `No rule found a risk: pre-cleared, to be released on arrival.${reported}`,
    };
  }
  const deciding: string[] = [];
  const others: string[] = [];
  for (const r of fired) {
    if (r.outcome === status) deciding.push(r.id);
    else others.push(`${r.id} (${r.outcome})`);
  }
  const also = others.length > 0 ? `; also fired: ${others.join(', ')}` : '';
  return {
    code: `OUTCOME_${status}`,
    ruleId: SEVERITY_ORDER_RULE_ID,
    message: `${status}, the most severe outcome of the rules that fired (${SEVERITY_LABEL}), decided by ${deciding.join(', ')}${also}.`,
  };
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
    reasons.push(finalReason(status, fired ?? []));
    return { status, priority, coldChain, reasons, rulesetVersion };
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
  };
}
