/**
 * `npm run bench -- --events N --out FILE`: the engine against a default NestJS baseline, end
 * to end through Kafka and PostgreSQL on the same generated load, plus a rule-evaluation
 * micro-benchmark. See docs/BENCHMARKS.md.
 */
import 'reflect-metadata';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { engineConsumers, loadAppConfigFromProcess } from '@app/config';
import { parseArgs } from './args';
import { CPU_FAMILIES } from './cpu-accounting';
import { expectedStatusCount, generateBacklogLoad, generateLoad } from './generator';
import { topSelfTime } from './profile-summary';
import { type RulesBenchResult, runRulesBench } from './rules/rules-bench';
import { type SystemDefinition, type SystemResult, runSystem } from './system-run';

function printSystem(name: string, r: SystemResult): void {
  console.log(`  ${name}: ${r.eventsPerSecond} events/s, correct: ${r.correct}, peak RSS ${r.peakRssMb} MB (${r.details.durationMs} ms)`);
  for (const [p, l] of Object.entries(r.latencyMs)) {
    console.log(
      `    ${p.padEnd(9)} latency p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms (${r.details.latencySamples[p as keyof typeof r.latencyMs]} statuses)`,
    );
  }
  for (const [p, { producedToDecided: d, decidedToConsumed: c2 }] of Object.entries(r.details.latencySplitMs)) {
    console.log(
      `    ${p.padEnd(9)} produced -> decided p50 ${d.p50} / p99 ${d.p99} ms; decided -> consumed p50 ${c2.p50} / p99 ${c2.p99} ms`,
    );
  }
  const cpu = r.cpu;
  const families = CPU_FAMILIES.filter((f) => f !== 'other' && cpu.msPerEvent[f] > 0);
  console.log(
    `    CPU ms/event: total ${cpu.msPerEvent.total} = ${families.map((f) => `${f} ${cpu.msPerEvent[f]}`).join(', ')}; ` +
      `cores busy ${Math.round(cpu.busyShare * 100)}% of ${cpu.cores}; outside the run ${cpu.msPerEvent.other} ms/event`,
  );
  const timeline = r.details.memory.timeline;
  if (timeline.length >= 6) {
    const perMinute = timeline.filter((t, i) => i === 0 || t.atSeconds % 60 < 10);
    console.log(`    RSS over the run (MB): ${perMinute.map((t) => `${t.atSeconds}s ${t.rssMb}`).join(', ')}`);
    if (r.details.memory.rssSlopeMbPerMinute !== null)
      console.log(`    RSS trend after the first minute: ${r.details.memory.rssSlopeMbPerMinute} MB/min`);
  }
  const c = r.details.correctness;
  if (!r.correct) {
    console.log(
      `    NOT CORRECT: ${c.matching}/${c.shipments} shipments final, missing ${c.missing}, wrong ${c.wrongFinal}, gaps ${c.versionGaps}, out of order ${c.outOfOrder}, ` +
        `conflicting ${c.conflicting}, unexpected ${c.unexpected}, dead letters ${r.details.deadLetters}/${r.details.expectedDeadLetters}${r.details.timedOut ? ', TIMED OUT' : ''}`,
    );
    for (const e of c.examples) console.log(`      ${e}`);
    console.log(`    logs: ${r.details.logs.join(', ')}`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadAppConfigFromProcess();
  const runId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const logDir = join(tmpdir(), `clearance-bench-${runId}`);

  const load = generateLoad({ events: args.events, seed: args.seed });
  const { kinds, classes } = load.mix;
  console.log(
    `[bench] ${args.events} events (seed ${args.seed}): ${classes.CRITICAL} CRITICAL, ${classes.ESSENTIAL} ESSENTIAL, ${classes.STANDARD} STANDARD declarations, ` +
      `${kinds.amended} amendments, ${kinds.arrived + kinds['arrived-unknown']} arrivals, ${load.expectedDeadLetters} bad records; ` +
      `${load.expected.size} shipments, ${expectedStatusCount(load)} statuses expected. Logs: ${logDir}`,
  );

  let rules: RulesBenchResult | null = null;
  if (!args.skipRules) {
    console.log('[bench] rule evaluation: project policy vs json-rules-engine');
    rules = await runRulesBench({ seed: args.seed });
  }

  const common = {
    brokers: config.kafka.brokers,
    databaseUrl: config.databaseUrl,
    runId,
    partitions: args.partitions,
    timeoutMs: args.timeoutSeconds * 1000,
    logDir,
    batchSize: args.batchSize,
    profileDir: args.profile ? join(logDir, 'profile') : undefined,
    ratePerSecond: args.rate ?? undefined,
    preseed: args.preseed,
  };
  const engineSystem: SystemDefinition = {
    label: 'engine',
    processes: [
      { name: 'clearance-engine', family: 'engine', script: 'dist/apps/clearance-engine/src/main.js', profile: true },
      { name: 'status-publisher', family: 'publisher', script: 'dist/apps/status-publisher/src/main.js' },
    ],
    groups: (config) => engineConsumers(config).map((c) => c.groupId),
  };
  const engine = await runSystem(engineSystem, load, common);
  const baseline = args.skipBaseline
    ? null
    : await runSystem(
        {
          label: 'baseline',
          processes: [{ name: 'nest-kafka-baseline', family: 'baseline', script: 'dist-tools/bench/src/baseline/main.js' }],
          groups: ({ engine }) => [engine.groupId],
        },
        load,
        common,
      );

  let backlog: SystemResult | null = null;
  if (args.backlog !== null) {
    const backlogLoad = generateBacklogLoad({ backlog: args.backlog, probes: args.probes, seed: args.seed });
    console.log(
      `[bench] backlog scenario: ${args.backlog} STANDARD declarations, then ${args.probes} CRITICAL probes ${args.probeIntervalMs} ms apart`,
    );
    backlog = await runSystem({ ...engineSystem, label: 'backlog' }, backlogLoad, {
      ...common,
      ratePerSecond: undefined,
      profileDir: undefined,
      probes: { records: backlogLoad.probes, intervalMs: args.probeIntervalMs },
    });
  }

  let profile: ReturnType<typeof topSelfTime> | null = null;
  if (common.profileDir) {
    const files = readdirSync(common.profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (files.length > 0) profile = topSelfTime(join(common.profileDir, files[0]), 20);
  }

  const ratio = baseline && baseline.eventsPerSecond > 0 ? Math.round((engine.eventsPerSecond / baseline.eventsPerSecond) * 10) / 10 : null;
  const strip = (r: SystemResult) => ({
    eventsPerSecond: r.eventsPerSecond,
    latencyMs: r.latencyMs,
    peakRssMb: r.peakRssMb,
    cpu: r.cpu,
    correct: r.correct,
  });
  const result = {
    engine: strip(engine),
    baseline: baseline ? strip(baseline) : null,
    ratio,
    rules: rules ? { projectPerSecond: rules.projectPerSecond, jsonRulesEnginePerSecond: rules.jsonRulesEnginePerSecond } : null,
    backlog: backlog && { standing: args.backlog, ...backlog.details.probes!, peakRssMb: backlog.peakRssMb },
    events: args.events,
    ratePerSecond: args.rate,
    seed: args.seed,
    partitions: args.partitions,
    preseed: args.preseed,
    mix: load.mix,
    shipments: load.expected.size,
    expectedStatuses: expectedStatusCount(load),
    details: { engine: engine.details, baseline: baseline?.details ?? null },
    rulesDetails: rules,
    engineConfig: {
      partitionsConsumedConcurrently: config.engine.partitionsConsumedConcurrently,
      outboxBatchSize: config.outbox.batchSize,
      processes: ['clearance-engine', 'status-publisher'],
    },
    profile,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    at: new Date().toISOString(),
  };

  console.log('\n=== benchmark ===');
  console.log(
    `  ${args.events} events, seed ${args.seed}, ${args.partitions} partitions, ${result.machine.cpus} CPUs, Node ${process.version}`,
  );
  printSystem('engine  ', engine);
  if (baseline) printSystem('baseline', baseline);
  if (ratio !== null) console.log(`  ratio engine/baseline: ${ratio}x`);
  if (rules) {
    console.log(
      `  rules: project ${rules.projectPerSecond}/s vs json-rules-engine ${rules.jsonRulesEnginePerSecond}/s (${rules.speedup}x); ` +
        `agreement ${rules.agreement * 100}% of ${rules.agreementSample}`,
    );
    for (const d of rules.disagreements) console.log(`    ${d}`);
  }
  if (backlog) {
    const b = backlog.details.probes!;
    console.log(
      `  backlog: ${args.backlog} STANDARD forwarded to the lanes in ${b.triageMs} ms; ${b.answered}/${b.probes} CRITICAL probes answered, correct: ${backlog.correct}, ` +
        `standing STANDARD backlog ${b.standardBacklogAtProbes.min}-${b.standardBacklogAtProbes.max}`,
    );
    console.log(
      `    CRITICAL probe latency p50 ${b.latencyMs.p50} ms, p90 ${b.latencyMs.p90} ms, p99 ${b.latencyMs.p99} ms, max ${b.latencyMs.max} ms`,
    );
  }
  if (profile) {
    console.log('  engine CPU profile, top self time:');
    for (const p of profile.slice(0, 12)) console.log(`    ${String(p.percent).padStart(5)}%  ${p.fn}  ${p.where}`);
  }
  if (args.out) {
    writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
    console.log(`  written to ${args.out}`);
  }
  const ok = engine.correct && (baseline?.correct ?? true) && (backlog?.correct ?? true) && (rules === null || rules.agreement === 1);
  process.exitCode = ok ? 0 : 1;
}

main().then(
  // kafkajs and pg may keep sockets open a little longer: the figures are out, so leave.
  () => process.exit(),
  (error) => {
    console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
