import type { RuleKind } from '../rules/registry';
import type { RuleOutcome, Ruleset } from '../types';

/** Counts of one rule under one ruleset version, as the database aggregates them (shipments, not decisions). */
export interface RuleSelectionCounts {
  rulesetVersion: number;
  ruleId: string;
  /** Shipments the rule fired on in an engine decision under that version. */
  selections: number;
  /** Of those, shipments with at least one examination result. */
  examined: number;
  /** Of those, shipments with a result other than NO_FINDING. */
  withFindings: number;
  /** Of the selections, shipments an officer released or pre-cleared without any examination. */
  overrides: number;
}

export interface RuleEffectiveness extends RuleSelectionCounts {
  kind: RuleKind;
  outcome: RuleOutcome;
  /** withFindings / examined; null when nothing was examined. */
  hitRate: number | null;
  /** Fewer examinations than SMALL_SAMPLE: the hit rate says little. */
  smallSample: boolean;
}

export interface RulesetEffectiveness {
  rulesetVersion: number;
  rules: RuleEffectiveness[];
  /** The random sample's figures: the unbiased baseline a targeting rule's hit rate is compared with; null without one. */
  baseline: RuleEffectiveness | null;
}

/** Below this many examinations a hit rate is shown as a small sample. */
export const SMALL_SAMPLE = 30;

/**
 * Per ruleset version, the selecting rules (those with an outcome) with their counts and hit rates,
 * in the document's order, and the random-sampling rule as the baseline. Rules that never fired
 * are listed with zeros; ids no rule of the version has (backend reasons) are left out.
 */
export function ruleEffectiveness(counts: readonly RuleSelectionCounts[], rulesets: readonly Ruleset[]): RulesetEffectiveness[] {
  return [...rulesets]
    .sort((a, b) => a.version - b.version)
    .map(({ version, document }) => {
      const rules = document.rules
        .filter((rule) => rule.outcome !== undefined)
        .map((rule): RuleEffectiveness => {
          const found = counts.find((c) => c.rulesetVersion === version && c.ruleId === rule.id);
          const c = found ?? { rulesetVersion: version, ruleId: rule.id, selections: 0, examined: 0, withFindings: 0, overrides: 0 };
          return {
            ...c,
            kind: rule.kind,
            outcome: rule.outcome as RuleOutcome,
            hitRate: c.examined === 0 ? null : c.withFindings / c.examined,
            smallSample: c.examined < SMALL_SAMPLE,
          };
        });
      return { rulesetVersion: version, rules, baseline: rules.find((r) => r.kind === 'RANDOM_SAMPLING') ?? null };
    });
}
