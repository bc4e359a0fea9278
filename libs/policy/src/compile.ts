import { type Priority, type Reason } from '@app/contract/clearance-status';
import { type Declaration } from '@app/contract/declaration';
import { PRIORITY_BY_RANK, type RuleContext, declarationDocumentMask } from './context';
import { NameNormaliser } from './normalise';
import { CUSTOMS_CONTROL_REASON, OWN_REASON_CODES, PRE_CLEARANCE_RULE_ID, SEVERITY_ORDER_RULE_ID, outcomeReasonCode } from './own-reasons';
import { type ClassificationRuleKind, type CompileInputs, type EvaluateRule } from './rule-kind';
import { InvalidRulesetError, validateRulesetDocument } from './ruleset-validation';
import { coldChainReason, coldChainRuleKind, controlledInspectionReason, isColdChain } from './rules/cold-chain';
import { classifyItem, classifyItems, priorityClassificationRuleKind, priorityReason } from './rules/priority-classification';
import { ruleKindModule } from './rules/registry';
import { watchlistRuleKind } from './rules/watchlist';
import {
  type Assessment,
  OUTCOME_SEVERITY,
  type PolicyInputs,
  type RuleDefinition,
  type RuleOutcome,
  type Ruleset,
  type RulesetDocument,
} from './types';

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
  /** A watchlist rule: when it decides the outcome, the hold sticks. */
  watchlist: boolean;
  internal: boolean;
  outcome: RuleOutcome;
  severity: number;
  evaluate: EvaluateRule;
}

/** An enabled rule of a deciding kind, compiled by its kind's module; null for a classification rule. */
function compileDecidingRule(def: RuleDefinition, inputs: CompileInputs): DecidingRule | null {
  const ruleKind = ruleKindModule(def.kind);
  if (ruleKind.role === 'classification') return null;
  const outcome = def.outcome ?? 'PRE_CLEARED';
  return {
    id: def.id,
    watchlist: ruleKind.kind === watchlistRuleKind.kind,
    internal: def.disclosure === 'internal',
    outcome,
    severity: OUTCOME_SEVERITY.indexOf(outcome),
    evaluate: ruleKind.compileRule(def.id, def.params, inputs),
  };
}

/** The one rule of a classification kind, compiled (validation guarantees there is exactly one). */
function compileClassification<C>(document: RulesetDocument, kind: ClassificationRuleKind<string, C>, inputs: CompileInputs): C {
  const def = document.rules.find((r) => r.kind === kind.kind);
  if (def === undefined) throw new InvalidRulesetError([{ path: 'rules', message: `must contain exactly one ${kind.kind} rule, found 0` }]);
  return kind.compileRule(def.id, def.params, inputs);
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
      code: OWN_REASON_CODES.noRiskFound,
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
    code: outcomeReasonCode(status),
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
  const compileInputs: CompileInputs = { lists: inputs.lists, watchlist: inputs.watchlist, names: new NameNormaliser() };
  const names = compileInputs.names;

  const pc = compileClassification(document, priorityClassificationRuleKind, compileInputs);
  const cc = compileClassification(document, coldChainRuleKind, compileInputs);
  const deciding: DecidingRule[] = [];
  for (const def of document.rules) {
    if (!def.enabled) continue;
    const rule = compileDecidingRule(def, compileInputs);
    if (rule !== null) deciding.push(rule);
  }
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
      watchlistHold: fired?.some((r) => r.watchlist && r.outcome === status) ?? false,
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
