import { partitionsOf } from './partition-assignment';

describe('partitionsOf', () => {
  it('gives a lone publisher every partition', () => {
    expect(partitionsOf(7, [7], 4)).toEqual([0, 1, 2, 3]);
  });

  it('splits the partitions among the members, each partition to exactly one, whatever order the ids come in', () => {
    const members = [900, 12, 345];
    const shares = members.map((m) => partitionsOf(m, [...members].reverse(), 32));
    expect(shares.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i));
    expect(shares.map((s) => s.length).sort()).toEqual([10, 11, 11]);
    expect(partitionsOf(12, members, 32)[0]).toBe(0);
  });

  it('gives nothing to a publisher that is not among the members, and nothing to members beyond the partition count', () => {
    expect(partitionsOf(5, [1, 2], 8)).toEqual([]);
    expect(partitionsOf(3, [1, 2, 3], 2)).toEqual([]);
  });
});
