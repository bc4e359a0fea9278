/** How long the supervisor waits before starting an app that exited again. */
export interface RestartPolicy {
  /** Wait before the first restart; it doubles with each exit in a row... */
  initialDelayMs: number;
  /** ...up to this. */
  maxDelayMs: number;
  /** An app that ran this long before it exited counts as having recovered: the back-off starts over. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** Exits in a row after this one, given how many came before and how long the app ran this time. */
export function exitsInARow(previousInARow: number, ranForMs: number, policy: RestartPolicy): number {
  return ranForMs >= policy.stableAfterMs ? 1 : previousInARow + 1;
}

/** The wait before restarting after the `inARow`-th exit in a row (1 for the first). */
export function restartDelayMs(inARow: number, policy: RestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(Math.max(inARow - 1, 0), 30));
}
