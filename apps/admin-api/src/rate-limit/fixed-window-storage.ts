import { type ThrottlerStorage } from '@nestjs/throttler';
import { type Clock } from '@app/config';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  /** Epoch ms when the window's count starts again from zero. */
  endsAt: number;
  hits: number;
  /** Epoch ms until which requests are refused; 0 when not blocked. */
  blockedUntil: number;
}

/** More clients than this in one window (a flood from many addresses): the oldest windows are forgotten first. */
const DEFAULT_MAX_TRACKED = 100_000;

/**
 * Counts requests per key in fixed windows, in this process's memory, with bounded memory and no
 * timer per request (the throttler's default storage keeps every key forever and one timer per
 * hit). Over the limit, a key is refused until `blockDuration` has passed.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly maxTracked = DEFAULT_MAX_TRACKED,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (!window || (window.endsAt <= now && window.blockedUntil <= now)) {
      window = { endsAt: now + ttl, hits: 0, blockedUntil: 0 };
      // Re-inserted, so the map's order is the order windows started: the oldest go first.
      this.windows.delete(key);
      this.windows.set(key, window);
      this.forgetOld(now);
    }
    if (window.blockedUntil <= now) {
      window.hits++;
      if (window.hits > limit) window.blockedUntil = now + blockDuration;
    }
    const blocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: seconds(window.endsAt - now),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? seconds(window.blockedUntil - now) : 0,
    };
  }

  /** How many keys are counted now (for tests of the bound). */
  get tracked(): number {
    return this.windows.size;
  }

  /** Drops the oldest windows while they are over (amortised O(1)), and any beyond the bound. */
  private forgetOld(now: number): void {
    for (const [key, window] of this.windows) {
      const over = window.endsAt <= now && window.blockedUntil <= now;
      if (!over && this.windows.size <= this.maxTracked) break;
      this.windows.delete(key);
    }
  }
}

/** Whole seconds, at least 1 while anything remains (Retry-After takes seconds). */
const seconds = (ms: number) => (ms > 0 ? Math.ceil(ms / 1000) : 0);
