/**
 * The outbox partitions a publisher tries first: with the live members' ids sorted, member i of n
 * takes the partitions p with p mod n = i, so n publishers split the outbox evenly and each
 * partition has one owner. While members come and go, two may briefly disagree; the partition locks
 * keep that safe (one of them gets a partition, the other skips it) and the next batch agrees again.
 * A publisher not (yet) among the members takes nothing of its own.
 */
export function partitionsOf(me: number, members: number[], partitionCount: number): number[] {
  const sorted = [...new Set(members)].sort((a, b) => a - b);
  const index = sorted.indexOf(me);
  if (index < 0) return [];
  const owned: number[] = [];
  for (let p = index; p < partitionCount; p += sorted.length) owned.push(p);
  return owned;
}
