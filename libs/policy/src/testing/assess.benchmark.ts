/**
 * Micro-benchmark (not a test): assessments per second of a typical 3-item declaration.
 * Run: compile to a temporary outDir and resolve the @app aliases there, e.g.
 *   npx tsc -p <tsconfig extending ./tsconfig.json with outDir /tmp/polbench, files [this file]>
 *   node -r <script calling tsconfig-paths register({ baseUrl: '/tmp/polbench', paths })> \
 *     /tmp/polbench/libs/policy/src/testing/assess.benchmark.js 1000000
 */
import { aCompanyConsignee, aDeclaration, aDryIceItem, aStandardItem, aSyringeItem, anItem } from '@app/contract/testing';
import { NOW, aPolicy, aWatchlistEntry } from './policy.fixtures';

export function runAssessBenchmark(
  iterations = 1_000_000,
  shape: 'critical' | 'standard' = 'critical',
): { shape: string; perSecond: number; nsPerAssessment: number } {
  const watchlist = Array.from({ length: 200 }, (_, i) =>
    aWatchlistEntry(
      (['PARTY', 'MANUFACTURER', 'ORIGIN_COUNTRY'] as const)[i % 3],
      i % 3 === 2 ? `X${String.fromCharCode(65 + (i % 26))}` : `Suspicious Trader ${i} Ltd.`,
      { id: `wl-${i}`, reason: 'benchmark', expiresAt: i % 2 ? '2030-01-01T00:00:00Z' : null },
    ),
  );
  const policy = aPolicy({ watchlist });
  const standard = (i: number) =>
    aDeclaration({
      shipmentId: `SHP-BENCH-${i}`,
      parties: { consignee: aCompanyConsignee({ name: `Retail Co ${i}` }) },
      items: [aStandardItem({ lineNo: 1 }), aStandardItem({ lineNo: 2, hsCode: '851762' }), aStandardItem({ lineNo: 3, hsCode: '940360' })],
    });
  const critical = (i: number) =>
    aDeclaration({ shipmentId: `SHP-BENCH-${i}`, items: [anItem({ lineNo: 1 }), aSyringeItem({ lineNo: 2 }), aDryIceItem({ lineNo: 3 })] });
  const declarations = Array.from({ length: 64 }, (_, i) => (shape === 'standard' ? standard(i) : critical(i)));
  let sink = 0;
  for (let i = 0; i < 100_000; i++) sink += policy.assess(declarations[i & 63], NOW).reasons.length;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += policy.assess(declarations[i & 63], NOW).reasons.length;
  const ns = Number(process.hrtime.bigint() - start);
  if (sink === 0) throw new Error('unreachable');
  return { shape, perSecond: Math.round((iterations * 1e9) / ns), nsPerAssessment: Math.round(ns / iterations) };
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 1_000_000);
  console.log(runAssessBenchmark(n, 'critical'));
  console.log(runAssessBenchmark(n, 'standard'));
}
