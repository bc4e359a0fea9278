import type { Clock } from '@app/config';

/**
 * The result of `load`, reused while it is younger than `maxAgeMs` (by the services' clock, from
 * when its load started), with one load at a time: callers that come while one runs share it. A
 * failed load is not kept, so the next caller tries again. `maxAgeMs` 0 loads for every caller
 * that does not find a load running.
 */
export class MaxAgeCache<T> {
  private kept: { startedAt: number; value: T } | null = null;
  private running: Promise<T> | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly clock: Clock,
  ) {}

  get(): Promise<T> {
    const now = this.clock.now().getTime();
    const kept = this.kept;
    // A clock set back (tests) counts as old: the figures are read again.
    if (kept && now >= kept.startedAt && now - kept.startedAt < this.maxAgeMs) return Promise.resolve(kept.value);
    this.running ??= this.load()
      .then((value) => {
        this.kept = { startedAt: now, value };
        return value;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
