/** Top self-time functions of a V8 .cpuprofile, for docs/BENCHMARKS.md. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export function topSelfTime(file: string, top = 15): { fn: string; where: string; percent: number }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const bySample = new Map<number, number>();
  for (const id of profile.samples) bySample.set(id, (bySample.get(id) ?? 0) + 1);
  const totals = new Map<string, { fn: string; where: string; hits: number }>();
  for (const node of profile.nodes) {
    const hits = bySample.get(node.id) ?? node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const t = totals.get(key) ?? { fn: functionName || '(anonymous)', where, hits: 0 };
    t.hits += hits;
    totals.set(key, t);
  }
  const all = profile.samples.length || 1;
  return [...totals.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((t) => ({ fn: t.fn, where: t.where, percent: Math.round((t.hits / all) * 1000) / 10 }));
}
