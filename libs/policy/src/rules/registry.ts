import { type RuleKindModule } from '../rule-kind';
import { coldChainRuleKind } from './cold-chain';
import { expiryBeforeArrivalRuleKind } from './expiry-before-arrival';
import { falsifiedMedicineRuleKind } from './falsified-medicine';
import { preferentialOriginRuleKind } from './preferential-origin';
import { priorityClassificationRuleKind } from './priority-classification';
import { randomSamplingRuleKind } from './random-sampling';
import { regulatoryAuthorisationRuleKind } from './regulatory-authorisation';
import { watchlistRuleKind } from './watchlist';

/**
 * Every rule kind a ruleset may use, in the order of docs/contract.md (the order validation lists
 * them in). A new kind is one module of its own in this folder and one line here
 * (docs/architecture.md#how-to-add-a-rule-kind).
 */
export const RULE_KIND_REGISTRY = [
  priorityClassificationRuleKind,
  coldChainRuleKind,
  regulatoryAuthorisationRuleKind,
  falsifiedMedicineRuleKind,
  expiryBeforeArrivalRuleKind,
  watchlistRuleKind,
  preferentialOriginRuleKind,
  randomSamplingRuleKind,
] as const satisfies readonly RuleKindModule[];

export type RuleKind = (typeof RULE_KIND_REGISTRY)[number]['kind'];

export const RULE_KINDS: readonly RuleKind[] = RULE_KIND_REGISTRY.map((k) => k.kind);

const BY_KIND: ReadonlyMap<string, RuleKindModule> = new Map(RULE_KIND_REGISTRY.map((k) => [k.kind, k]));

export function isRuleKind(value: unknown): value is RuleKind {
  return typeof value === 'string' && BY_KIND.has(value);
}

/** The module of a kind of the registry. */
export function ruleKindModule(kind: RuleKind): RuleKindModule {
  const found = BY_KIND.get(kind);
  if (found === undefined) throw new Error(`rule kind ${kind} is not in RULE_KIND_REGISTRY`);
  return found;
}
