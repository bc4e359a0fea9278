import { percentile, slope, summarise } from './stats';

describe('slope (least squares)', () => {
  it('given points on a line, then its slope', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2);
  });

  it('given a sawtooth around a flat level, then about zero', () => {
    const points = Array.from({ length: 60 }, (_, i) => ({ x: i, y: 100 + (i % 2 === 0 ? 10 : -10) }));
    expect(Math.abs(slope(points)!)).toBeLessThan(0.5);
  });

  it('given one point or one x, then null', () => {
    expect(slope([{ x: 1, y: 1 }])).toBeNull();
    expect(
      slope([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull();
  });
});

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('given 1..100, then p50 is 50, p90 is 90 and p99 is 99', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 90)).toBe(90);
    expect(percentile(oneToHundred, 99)).toBe(99);
  });

  it('given the bounds, then p0 is the minimum and p100 the maximum', () => {
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect(percentile(oneToHundred, 100)).toBe(100);
  });

  it('given a few values, then the rank is rounded up', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 99)).toBe(30);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([7], 99)).toBe(7);
  });

  it('given no values, then null', () => {
    expect(percentile([], 50)).toBeNull();
    expect(summarise([])).toEqual({ p50: null, p90: null, p99: null, max: null, count: 0 });
  });

  it('given unsorted values, when summarised, then they are sorted numerically first (not as strings)', () => {
    const values = [100, 9, 2, 1000, 30, 5, 7, 8, 6, 4];
    expect(summarise(values)).toEqual({ p50: 7, p90: 100, p99: 1000, max: 1000, count: 10 });
  });

  it('given fractional milliseconds, then the report rounds to 0.1 ms', () => {
    expect(summarise([1.234, 1.26, 1.3]).p50).toBe(1.3);
  });
});
