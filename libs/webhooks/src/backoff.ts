/** What a failed call means for its endpoint: when to try again, or that it is paused. */
export type RetryDecision = { kind: 'retry'; at: Date } | { kind: 'pause'; reason: string };

export interface RetryPolicy {
  /** Back-off after the first failure; doubles with each further failure in a row. */
  initialMs: number;
  maxMs: number;
  /** An endpoint failing for this long in a row is paused. */
  retryWindowMs: number;
}

/**
 * Exponential back-off with jitter: the n-th failure in a row waits between half and all of
 * min(max, initial * 2^(n-1)), so endpoints that failed together do not all come back at the
 * same instant. Past the retry window (counted from the first failure) the endpoint is paused.
 * `random` is in [0, 1).
 */
export function afterFailure(
  policy: RetryPolicy,
  failure: { failingSince: Date; failedAttempts: number; now: Date; error: string },
  random: () => number = Math.random,
): RetryDecision {
  const failingForMs = failure.now.getTime() - failure.failingSince.getTime();
  if (failingForMs >= policy.retryWindowMs) {
    return {
      kind: 'pause',
      reason: `Failed ${failure.failedAttempts} times in a row since ${failure.failingSince.toISOString()}; last: ${failure.error}`,
    };
  }
  const exponent = Math.min(Math.max(failure.failedAttempts - 1, 0), 40);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  const delay = ceiling / 2 + (ceiling / 2) * random();
  return { kind: 'retry', at: new Date(failure.now.getTime() + Math.round(delay)) };
}
