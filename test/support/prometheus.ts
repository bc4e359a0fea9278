/** The value of the first series of `name` whose labels include `labels` (any order); NaN when absent. */
export function metricValue(page: string, name: string, labels: Record<string, string>): number {
  for (const line of page.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return Number.NaN;
}
