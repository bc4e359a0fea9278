import { Clock } from '@app/config';
import { MaxAgeCache } from './max-age-cache';

class StepClock extends Clock {
  ms = 1_000_000;
  now(): Date {
    return new Date(this.ms);
  }
}

function counting<T>(values: T[]) {
  const calls = { n: 0 };
  const load = () => Promise.resolve(values[Math.min(calls.n++, values.length - 1)]);
  return { calls, load };
}

describe('MaxAgeCache', () => {
  it('given a result younger than the max age, when asked again, then it is reused without loading', async () => {
    const clock = new StepClock();
    const { calls, load } = counting(['first', 'second']);
    const cache = new MaxAgeCache(load, 30_000, clock);
    expect(await cache.get()).toBe('first');
    clock.ms += 29_999;
    expect(await cache.get()).toBe('first');
    expect(calls.n).toBe(1);
  });

  it('given a result as old as the max age, when asked, then it is loaded again', async () => {
    const clock = new StepClock();
    const { calls, load } = counting(['first', 'second']);
    const cache = new MaxAgeCache(load, 30_000, clock);
    await cache.get();
    clock.ms += 30_000;
    expect(await cache.get()).toBe('second');
    expect(calls.n).toBe(2);
  });

  it('given a load running, when others ask meanwhile, then they share it', async () => {
    let release: (value: string) => void = () => undefined;
    let calls = 0;
    const load = () => {
      calls++;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const cache = new MaxAgeCache(load, 0, new StepClock());
    const asked = [cache.get(), cache.get(), cache.get()];
    release('shared');
    expect(await Promise.all(asked)).toEqual(['shared', 'shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('given a max age of 0, when asked one after the other, then each loads', async () => {
    const { calls, load } = counting([1, 2]);
    const cache = new MaxAgeCache(load, 0, new StepClock());
    expect([await cache.get(), await cache.get()]).toEqual([1, 2]);
    expect(calls.n).toBe(2);
  });

  it('given a failed load, when asked again, then it loads again rather than keep the failure', async () => {
    let calls = 0;
    const load = () => (++calls === 1 ? Promise.reject(new Error('database down')) : Promise.resolve('back'));
    const cache = new MaxAgeCache(load, 30_000, new StepClock());
    await expect(cache.get()).rejects.toThrow('database down');
    expect(await cache.get()).toBe('back');
  });

  it('given a clock set back, when asked, then the kept result counts as old', async () => {
    const clock = new StepClock();
    const { load } = counting(['first', 'second']);
    const cache = new MaxAgeCache(load, 30_000, clock);
    await cache.get();
    clock.ms -= 1;
    expect(await cache.get()).toBe('second');
  });
});
