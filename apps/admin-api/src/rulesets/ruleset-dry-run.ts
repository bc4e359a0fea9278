import type { DeclaredShipment } from '@app/persistence';
import { type Assessment, type CompiledPolicy, OUTCOME_SEVERITY, type RuleOutcome } from '@app/policy';
import { type DryRunDifference, type DryRunResult } from './rulesets.dto';

export type DryRunComparison = Pick<DryRunResult, 'evaluated' | 'changed' | 'counts' | 'differences'>;

const noOutcomes = (): Record<RuleOutcome, number> =>
  Object.fromEntries(OUTCOME_SEVERITY.map((o) => [o, 0])) as Record<RuleOutcome, number>;

/**
 * Assesses each declaration with the active policy and with the candidate. "Old" is the active
 * policy's assessment, not the stored status: a stored RELEASED, CANCELLED or operator-made
 * HELD is not an assessment outcome, and comparing against it would report every shipment
 * that moved on since as a difference the candidate ruleset did not cause. A change of what the
 * trade would read (e.g. a rule made internal) is a difference too.
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
    const [old, candidateOutcome] = [outcome(before), outcome(after)];
    if (
      old.status !== candidateOutcome.status ||
      old.priority !== candidateOutcome.priority ||
      old.publicReasonCodes.join() !== candidateOutcome.publicReasonCodes.join()
    ) {
      differences.push({ shipmentId, old, new: candidateOutcome });
    }
  }
  return { evaluated: shipments.length, changed: differences.length, counts, differences };
}

function outcome(a: Assessment): DryRunDifference['old'] {
  return { status: a.status, priority: a.priority, publicReasonCodes: a.publicReasons.map((r) => r.code) };
}
