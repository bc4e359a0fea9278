import { exitsInARow, restartDelayMs, type RestartPolicy } from './backoff';

const policy: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

describe('restart back-off', () => {
  it('doubles with each exit in a row up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => restartDelayMs(n, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('counts an exit after a short run as one more in a row, and one after a stable run as the first', () => {
    expect(exitsInARow(3, 5_000, policy)).toBe(4);
    expect(exitsInARow(3, 60_000, policy)).toBe(1);
    expect(exitsInARow(0, 10, policy)).toBe(1);
  });
});
