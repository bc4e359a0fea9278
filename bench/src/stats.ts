/** Latency accounting of the benchmark: nearest-rank percentiles, rounded for the report. */

export interface Percentiles {
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  count: number;
}

/**
 * Nearest-rank percentile of values sorted ascending: the smallest value with at least p% of
 * the values at or below it. Null for no values.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | null {
  const n = sortedAscending.length;
  if (n === 0) return null;
  if (p <= 0) return sortedAscending[0];
  if (p >= 100) return sortedAscending[n - 1];
  const rank = Math.ceil((p / 100) * n);
  return sortedAscending[Math.min(n, Math.max(1, rank)) - 1];
}

/** Least-squares slope of y over x (per unit of x); null for fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  return points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export function summarise(values: readonly number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const asArray = Array.from(sorted);
  return {
    p50: round1(percentile(asArray, 50)),
    p90: round1(percentile(asArray, 90)),
    p99: round1(percentile(asArray, 99)),
    max: round1(percentile(asArray, 100)),
    count: values.length,
  };
}
