import { afterFailure, type RetryPolicy } from './backoff';

describe('retry back-off', () => {
  const policy: RetryPolicy = { initialMs: 1000, maxMs: 60_000, retryWindowMs: 24 * 3_600_000 };
  const since = new Date('2026-04-07T08:00:00Z');
  const at = (ms: number) => new Date(since.getTime() + ms);
  const delayAfter = (failedAttempts: number, random: number) => {
    const decision = afterFailure(policy, { failingSince: since, failedAttempts, now: since, error: 'HTTP 500' }, () => random);
    if (decision.kind !== 'retry') throw new Error('expected a retry');
    return decision.at.getTime() - since.getTime();
  };

  it('doubles with each failure in a row, between half and all of the step (jitter), up to the maximum', () => {
    expect([1, 2, 3, 4].map((n) => delayAfter(n, 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => delayAfter(n, 0.999999))).toEqual([1000, 2000, 4000, 8000]);
    expect(delayAfter(30, 0.999999)).toBe(60_000);
    expect(delayAfter(1000, 0)).toBe(30_000);
  });

  it('pauses the endpoint once it has failed for the whole retry window, saying why', () => {
    const decision = afterFailure(policy, { failingSince: since, failedAttempts: 40, now: at(policy.retryWindowMs), error: 'HTTP 503' });
    expect(decision.kind).toBe('pause');
    expect(decision.kind === 'pause' && decision.reason).toContain('HTTP 503');
    expect(afterFailure(policy, { failingSince: since, failedAttempts: 40, now: at(policy.retryWindowMs - 1), error: 'x' }).kind).toBe(
      'retry',
    );
  });
});
