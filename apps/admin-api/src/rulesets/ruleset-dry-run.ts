import type { DeclaredShipment } from '@app/persistence';
import { CompiledPolicy, OUTCOME_SEVERITY, RuleOutcome } from '@app/policy';
import { DryRunDifference, DryRunResult } from './rulesets.dto';

export type DryRunComparison = Pick<DryRunResult, 'evaluated' | 'changed' | 'counts' | 'differences'>;

const noOutcomes = (): Record<RuleOutcome, number> =>
  Object.fromEntries(OUTCOME_SEVERITY.map((o) => [o, 0])) as Record<RuleOutcome, number>;

/**
 * Assesses each declaration with the active policy and with the candidate. "Old" is the active
 * policy's assessment, not the stored status: a stored RELEASED, CANCELLED or operator-made
 * HELD is not an assessment outcome, and comparing against it would report every shipment
 * that moved on since as a difference the candidate ruleset did not cause.
 */
export function compareAssessments(
  shipments: readonly DeclaredShipment[],
  current: CompiledPolicy,
  candidate: CompiledPolicy,
  now: Date,
): DryRunComparison {
  const counts = { current: noOutcomes(), candidate: noOutcomes() };
  const differences: DryRunDifference[] = [];
  for (const { shipmentId, declaration } of shipments) {
    const before = current.assess(declaration, now);
    const after = candidate.assess(declaration, now);
    counts.current[before.status]++;
    counts.candidate[after.status]++;
    if (before.status !== after.status || before.priority !== after.priority) {
      differences.push({
        shipmentId,
        old: { status: before.status, priority: before.priority },
        new: { status: after.status, priority: after.priority },
      });
    }
  }
  return { evaluated: shipments.length, changed: differences.length, counts, differences };
}
