/**
 * Rule-evaluation micro-benchmark: the project's compiled policy against the same 8 rules in
 * json-rules-engine, on the same seeded declarations, lists and watchlist.
 */
import { type Declaration } from '@app/contract';
import { type CompiledPolicy, DEFAULT_REFERENCE_LISTS, DEFAULT_RULESET_DOCUMENT, type WatchlistEntry, compilePolicy } from '@app/policy';
import { drawClass, generateDeclaration, traderName } from '../generator';
import { mulberry32 } from '@app/contract/testing/random';
import { type JsonRulesOutcome, assessWithJsonRules, buildJsonRulesEngine } from './json-rules-policy';

export interface RulesBenchResult {
  projectPerSecond: number;
  jsonRulesEnginePerSecond: number;
  speedup: number;
  /** Declarations, of `agreementSample`, on which both give the same status, priority, cold chain and fired rules. */
  agreement: number;
  agreementSample: number;
  disagreements: string[];
  declarations: number;
  watchlistEntries: number;
}

/** A watchlist of 30 entries, two of which match some of the generated declarations. */
export function benchWatchlist(): WatchlistEntry[] {
  const entries: WatchlistEntry[] = [];
  for (let i = 0; i < 10; i++) {
    entries.push({ id: `wl-p${i}`, kind: 'PARTY', value: `Suspicious Trader ${i} Ltd.`, reason: 'bench' });
    entries.push({ id: `wl-m${i}`, kind: 'MANUFACTURER', value: `Counterfeit Labs ${i}`, reason: 'bench' });
  }
  for (const c of ['KP', 'IR', 'SY', 'CU', 'VE', 'MM', 'AF', 'YE', 'SD'])
    entries.push({ id: `wl-c-${c}`, kind: 'ORIGIN_COUNTRY', value: c, reason: 'bench' });
  entries.push({ id: 'wl-p-hit', kind: 'PARTY', value: traderName(7), reason: 'bench: matches 1 trader in 200' });
  return entries;
}

export function benchDeclarations(seed: number, count: number): Declaration[] {
  const random = mulberry32(seed ^ 0x5eed);
  return Array.from({ length: count }, (_, i) => generateDeclaration(random, drawClass(random), `SHP-RULES-${seed}-${i}`, i));
}

export function projectOutcome(policy: CompiledPolicy, d: Declaration, now: Date): JsonRulesOutcome {
  const a = policy.assess(d, now);
  const nonDeciding = new Set(['classify-priority', 'cold-chain', 'pre-clearance', 'severity-order']);
  const fired = [...new Set(a.reasons.map((r) => r.ruleId).filter((id) => !nonDeciding.has(id)))].sort();
  return { status: a.status, priority: a.priority, coldChain: a.coldChain, fired };
}

export async function runRulesBench(options: {
  seed: number;
  declarations?: number;
  minMs?: number;
  sample?: number;
}): Promise<RulesBenchResult> {
  const now = new Date();
  const watchlist = benchWatchlist();
  const declarations = benchDeclarations(options.seed, options.declarations ?? 2000);
  const policy = compilePolicy({ ruleset: { version: 1, document: DEFAULT_RULESET_DOCUMENT }, lists: DEFAULT_REFERENCE_LISTS, watchlist });
  const engine = buildJsonRulesEngine(DEFAULT_REFERENCE_LISTS, watchlist, now);

  const sample = Math.min(options.sample ?? 1000, declarations.length);
  let agreement = 0;
  const disagreements: string[] = [];
  for (let i = 0; i < sample; i++) {
    const ours = projectOutcome(policy, declarations[i], now);
    const theirs = await assessWithJsonRules(engine, declarations[i]);
    if (JSON.stringify(ours) === JSON.stringify(theirs)) agreement++;
    else if (disagreements.length < 5)
      disagreements.push(`${declarations[i].shipmentId}: project ${JSON.stringify(ours)} vs json-rules-engine ${JSON.stringify(theirs)}`);
  }

  const minMs = options.minMs ?? 2000;
  const n = declarations.length;
  // Warm both up, then time whole passes over the declarations for at least minMs each.
  let sink = 0;
  for (let i = 0; i < n; i++) sink += policy.assess(declarations[i], now).reasons.length;
  let count = 0;
  let start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < n; i++) sink += policy.assess(declarations[i], now).reasons.length;
    count += n;
  }
  const projectPerSecond = Math.round(count / ((performance.now() - start) / 1000));

  for (let i = 0; i < Math.min(n, 500); i++) sink += (await assessWithJsonRules(engine, declarations[i])).fired.length;
  count = 0;
  start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < n; i++) sink += (await assessWithJsonRules(engine, declarations[i])).fired.length;
    count += n;
  }
  const jsonRulesEnginePerSecond = Math.round(count / ((performance.now() - start) / 1000));
  if (sink < 0) throw new Error('unreachable');

  return {
    projectPerSecond,
    jsonRulesEnginePerSecond,
    speedup: Math.round((projectPerSecond / jsonRulesEnginePerSecond) * 10) / 10,
    agreement: Math.round((agreement / sample) * 10000) / 10000,
    agreementSample: sample,
    disagreements,
    declarations: n,
    watchlistEntries: watchlist.length,
  };
}
