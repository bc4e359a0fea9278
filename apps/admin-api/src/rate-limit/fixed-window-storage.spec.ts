import { Clock } from '@app/config';
import { FixedWindowThrottlerStorage } from './fixed-window-storage';

class FakeClock extends Clock {
  constructor(public ms = 1_000_000) {
    super();
  }
  now(): Date {
    return new Date(this.ms);
  }
}

describe('FixedWindowThrottlerStorage', () => {
  const TTL = 60_000;

  it('given a limit of 3, when a 4th request comes in the window, then it is blocked until the block ends, and counted afresh after', async () => {
    const clock = new FakeClock();
    const storage = new FixedWindowThrottlerStorage(clock);
    for (let i = 1; i <= 3; i++) {
      expect(await storage.increment('k', TTL, 3, TTL)).toEqual({ totalHits: i, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    }
    clock.ms += 10_500;
    expect(await storage.increment('k', TTL, 3, TTL)).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    clock.ms += 30_000;
    // Blocked requests do not count: the block ends when it said.
    expect(await storage.increment('k', TTL, 3, TTL)).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    clock.ms += 30_000;
    expect(await storage.increment('k', TTL, 3, TTL)).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('given two keys, then each has its own count', async () => {
    const storage = new FixedWindowThrottlerStorage(new FakeClock());
    await storage.increment('a', TTL, 1, TTL);
    expect((await storage.increment('a', TTL, 1, TTL)).isBlocked).toBe(true);
    expect((await storage.increment('b', TTL, 1, TTL)).isBlocked).toBe(false);
  });

  it('given windows that are over, when new keys come, then the old ones are forgotten; and never more than the bound are kept', async () => {
    const clock = new FakeClock();
    const storage = new FixedWindowThrottlerStorage(clock, 100);
    for (let i = 0; i < 50; i++) await storage.increment(`old-${i}`, TTL, 10, TTL);
    clock.ms += TTL;
    await storage.increment('new', TTL, 10, TTL);
    expect(storage.tracked).toBe(1);
    for (let i = 0; i < 500; i++) await storage.increment(`flood-${i}`, TTL, 10, TTL);
    expect(storage.tracked).toBe(100);
    // The newest are the ones kept.
    expect((await storage.increment('flood-499', TTL, 10, TTL)).totalHits).toBe(2);
  });
});
