/**
 * One measured run of a system (the engine, or the baseline) on a generated load: its own
 * database and topics, its processes spawned from dist/, all events produced as fast as the
 * broker takes them, and the status and dead-letter topics consumed here until every
 * shipment reached its expected final status.
 */
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { type Admin, type Consumer, Kafka, Partitioners, logLevel } from 'kafkajs';
import { type AppConfig, KAFKA_SECURITY_VARIABLES, loadAppConfig } from '@app/config';
import { type ClearanceStatusEvent, type Priority, PRIORITIES } from '@app/contract';
import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { consumerLag, ensureTopics, kafkaConnectionOptions } from '@app/messaging';
import { migrateDatabase } from '@app/persistence';
import { type CorrectnessReport, StatusLedger } from './correctness';
import { type CpuFamily, type CpuReport, type RunIdentity, cpuReport, takeCpuSnapshot, ticksPerSecond } from './cpu-accounting';
import { type GeneratedLoad, type GeneratedRecord } from './generator';
import { preseedShipments } from './preseed';
import { type Child, type MemoryReport, sampleMemory, spawnNode, stopChild } from './processes';
import { type Percentiles, slope, summarise } from './stats';

export interface SystemDefinition {
  label: 'engine' | 'baseline' | 'backlog';
  /** The first process is the one whose memory is reported. */
  processes: { name: string; family: CpuFamily; script: string; extraEnv?: Record<string, string>; profile?: boolean }[];
  /** The consumer groups that must be Stable before the load starts. */
  groups: (config: AppConfig) => string[];
}

export interface RunOptions {
  brokers: string[];
  /** postgres:// URL of the server; the run's database name replaces its path. */
  databaseUrl: string;
  runId: string;
  partitions: number;
  timeoutMs: number;
  logDir: string;
  batchSize: number;
  profileDir?: string;
  /** Open loop: produce at this many events per second (default: as fast as the broker takes them). */
  ratePerSecond?: number;
  /**
   * The backlog scenario: once the load is produced and triaged, file these records one by one,
   * `intervalMs` apart; the run ends when each has its status (the backlog may still stand).
   */
  probes?: { records: GeneratedRecord[]; intervalMs: number };
  /** Released shipments of the past written to the database before the run. */
  preseed?: number;
}

export interface ProbeResult {
  probes: number;
  answered: number;
  correct: boolean;
  /** From the first backlog record produced until the triage had forwarded all of them. */
  triageMs: number;
  latencyMs: Percentiles;
  /** Records of the STANDARD lane not yet processed when each probe was filed: the standing backlog. */
  standardBacklogAtProbes: { min: number; max: number };
}

export interface SystemResult {
  eventsPerSecond: number;
  latencyMs: Record<Priority, { p50: number | null; p90: number | null; p99: number | null }>;
  peakRssMb: number;
  correct: boolean;
  /** CPU per event per process family over the measured window, and how busy the cores were. */
  cpu: CpuReport;
  /** Further figures. */
  details: {
    durationMs: number;
    produceMs: number;
    statuses: number;
    deadLetters: number;
    expectedDeadLetters: number;
    latencySamples: Record<Priority, number>;
    /** Every status's latency cut at its decidedAt: produced → decided (triage, lane, transaction), decided → consumed (outbox, relay, broker). */
    latencySplitMs: Record<Priority, { producedToDecided: Percentiles; decidedToConsumed: Percentiles }>;
    memory: Omit<MemoryReport, 'peakRssMb'> & { rssSlopeMbPerMinute: number | null };
    probes: ProbeResult | null;
    correctness: CorrectnessReport;
    timedOut: boolean;
    logs: string[];
  };
}

const log = (label: string, text: string) => console.log(`[bench:${label}] ${text}`);

function databaseUrlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number, children: Child[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    const dead = children.find((c) => c.process.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited (code ${dead.process.exitCode}) while waiting for ${what}; see ${dead.logFile}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function rssSlope(timeline: MemoryReport['timeline']): number | null {
  const s = slope(timeline.filter((t) => t.atSeconds >= 60).map((t) => ({ x: t.atSeconds / 60, y: t.rssMb })));
  return s === null ? null : Math.round(s * 100) / 100;
}

const TUNABLES = ['ENGINE_PARTITIONS_CONCURRENCY', 'OUTBOX_BATCH_SIZE', 'OUTBOX_POLL_INTERVAL_MS'];
/** Passed on to the system as given to the bench: tuning, and how to reach a secured broker. */
const PASSED_ON = [...TUNABLES, ...KAFKA_SECURITY_VARIABLES];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function endOffsets(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
}

async function groupsAreStable(admin: Admin, groupIds: string[]): Promise<boolean> {
  const { groups } = await admin.describeGroups(groupIds);
  return groupIds.every((id) => groups.some((g) => g.groupId === id && g.state === 'Stable' && g.members.length > 0));
}

export async function runSystem(system: SystemDefinition, load: GeneratedLoad, options: RunOptions): Promise<SystemResult> {
  const { label } = system;
  const prefix = `bench.${options.runId}.${label}`;
  const databaseUrl = databaseUrlFor(options.databaseUrl, `clearance_bench_${options.runId.replace(/[^a-z0-9_]/gi, '_')}_${label}`);
  // The system's processes get this environment; the bench reads it as they will.
  const env = {
    KAFKA_BROKERS: options.brokers.join(','),
    DATABASE_URL: databaseUrl,
    TOPIC_SHIPMENT_EVENTS: `${prefix}.shipment-events`,
    TOPIC_CLEARANCE_STATUS: `${prefix}.clearance-status`,
    TOPIC_DEAD_LETTER: `${prefix}.shipment-events.dlq`,
    TOPIC_PARTITIONS: String(options.partitions),
    ENGINE_GROUP_ID: `${prefix}.consumer`,
    LOG_LEVEL: 'warn',
    // Tuning and Kafka security given to the bench go to the system (the defaults of .env.example otherwise).
    ...Object.fromEntries(PASSED_ON.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : []))),
  };
  const config = loadAppConfig(env);
  const { topics } = config;
  const groupIds = system.groups(config);
  const kafka = new Kafka({ ...kafkaConnectionOptions(config.kafka), clientId: `bench-${label}`, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const children: Child[] = [];
  let observer: Consumer | null = null;
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  mkdirSync(options.logDir, { recursive: true });

  try {
    log(label, `database ${new URL(databaseUrl).pathname.slice(1)}, topics ${prefix}.* (${options.partitions} partitions)`);
    await migrateDatabase(databaseUrl);
    if (options.preseed) {
      const started = performance.now();
      await preseedShipments(databaseUrl, options.preseed);
      log(label, `database preseeded with ${options.preseed} released shipments in ${Math.round(performance.now() - started)} ms`);
    }
    await admin.connect();
    await ensureTopics(kafka, topics, { log: () => undefined, error: console.error, warn: console.warn });

    // The observer: every status and dead letter, timed on arrival.
    const producedAt = new Map<string, number>();
    const ledger = new StatusLedger(load.expected);
    const latencies: Record<Priority, number[]> = { CRITICAL: [], ESSENTIAL: [], STANDARD: [] };
    const warmupId = `SHP-WARMUP-${options.runId}-${label}`;
    let warmedUp = false;
    let statuses = 0;
    let deadLetters = 0;
    let completedAt = 0;
    let onComplete: () => void = () => undefined;
    const completed = new Promise<void>((resolve) => (onComplete = resolve));
    const probeIds = new Set(options.probes?.records.map((r) => r.eventId!) ?? []);
    const probeLatencies: number[] = [];
    const toDecision: Record<Priority, number[]> = { CRITICAL: [], ESSENTIAL: [], STANDARD: [] };
    const toConsumer: Record<Priority, number[]> = { CRITICAL: [], ESSENTIAL: [], STANDARD: [] };
    const probeStatuses = new Map<string, string>();
    const isComplete = () =>
      options.probes ? probeLatencies.length >= probeIds.size : ledger.complete && deadLetters >= load.expectedDeadLetters;
    const checkComplete = (now: number) => {
      if (completedAt === 0 && isComplete()) {
        completedAt = now;
        onComplete();
      }
    };
    observer = kafka.consumer({ groupId: `${prefix}.observer`, maxWaitTimeInMs: 50, maxBytesPerPartition: 8 * 1024 * 1024 });
    let observerJoined = false;
    observer.on(observer.events.GROUP_JOIN, () => (observerJoined = true));
    await observer.connect();
    await observer.subscribe({ topics: [topics.clearanceStatus, topics.deadLetter], fromBeginning: true });
    await observer.run({
      partitionsConsumedConcurrently: options.partitions,
      eachBatch: async ({ batch }) => {
        const now = performance.now();
        if (batch.topic === topics.deadLetter) {
          deadLetters += batch.messages.length;
          checkComplete(now);
          return;
        }
        for (const m of batch.messages) {
          const event = JSON.parse(m.value!.toString()) as ClearanceStatusEvent;
          const d = event.data;
          if (d.shipmentId === warmupId) {
            warmedUp = true;
            continue;
          }
          statuses++;
          const fresh = !ledger.has(d.shipmentId, d.version);
          ledger.add({ shipmentId: d.shipmentId, version: d.version, status: d.status, priority: d.priority, causationId: d.causationId });
          if (fresh && d.causationId) {
            const sent = producedAt.get(d.causationId);
            if (sent !== undefined) {
              latencies[d.priority].push(now - sent);
              // The same latency in two parts, by the engine's decidedAt: deciding, and publishing.
              const decidedAt = Date.parse(d.decidedAt) - performance.timeOrigin;
              toDecision[d.priority].push(decidedAt - sent);
              toConsumer[d.priority].push(now - decidedAt);
            }
            if (sent !== undefined && probeIds.has(d.causationId)) {
              probeLatencies.push(now - sent);
              probeStatuses.set(d.shipmentId, d.status);
            }
          }
        }
        checkComplete(now);
      },
    });
    await until('the observer to join its group', async () => observerJoined, 30_000);

    for (const p of system.processes) {
      const profiling = p.profile && options.profileDir;
      if (profiling) mkdirSync(options.profileDir!, { recursive: true });
      children.push(
        spawnNode(
          `${label}-${p.name}`,
          p.script,
          { ...env, ...(p.extraEnv ?? {}), ...(profiling ? { BENCH_CPU_PROFILE_DIR: options.profileDir! } : {}) },
          options.logDir,
          profiling ? ['-r', `${__dirname}/cpu-profile.js`] : [],
        ),
      );
    }
    await until(`consumer groups ${groupIds.join(', ')} to be Stable`, () => groupsAreStable(admin, groupIds), 90_000, children);

    // Warm-up: one event through the whole path, so every process is connected and running.
    await producer.connect();
    const warmup = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: warmupId }), { id: `evt-${warmupId}` });
    await producer.send({ topic: topics.shipmentEvents, acks: -1, messages: [{ key: warmupId, value: JSON.stringify(warmup) }] });
    await until('the warm-up status', async () => warmedUp, 60_000, children);
    log(label, `ready (${children.map((c) => `${c.name} pid ${c.process.pid}`).join(', ')}); producing ${load.records.length} events`);

    const memory = sampleMemory(children[0].process.pid!);
    const runIdentity: RunIdentity = {
      children: new Map(children.map((c, i) => [c.process.pid!, system.processes[i].family])),
      benchPid: process.pid,
      databaseName: new URL(databaseUrl).pathname.slice(1),
    };
    const cpuBefore = takeCpuSnapshot(runIdentity);
    const firstProducedAt = performance.now();
    const rate = options.ratePerSecond;
    // Open loop: small sends every 20 ms on a fixed schedule, whatever the system does.
    const perSend = rate ? Math.max(1, Math.round(rate / 50)) : options.batchSize;
    for (let i = 0; i < load.records.length; i += perSend) {
      if (rate) {
        const wait = firstProducedAt + (i / rate) * 1000 - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const slice = load.records.slice(i, i + perSend);
      const sentAt = performance.now();
      for (const r of slice) if (r.eventId) producedAt.set(r.eventId, sentAt);
      await producer.send({ topic: topics.shipmentEvents, acks: -1, messages: slice.map((r) => ({ key: r.key, value: r.value })) });
    }
    const produceMs = performance.now() - firstProducedAt;
    log(
      label,
      `produced in ${Math.round(produceMs)} ms${rate ? ` (paced at ${rate}/s)` : ''}; waiting for ${options.probes ? `${probeIds.size} probes` : `${load.expected.size} shipments' statuses`}`,
    );

    let probeRun: Omit<ProbeResult, 'latencyMs' | 'answered' | 'correct'> | null = null;
    if (options.probes) {
      // The backlog stands once the triage has forwarded all of it (and the warm-up) to the lanes.
      const forwarded = async () =>
        (await Promise.all(Object.values(topics.lanes).map((t) => endOffsets(admin, t)))).reduce((a, b) => a + b, 0);
      await until(
        'the triage to forward the backlog',
        async () => (await forwarded()) >= load.records.length + 1,
        options.timeoutMs,
        children,
      );
      const triageMs = performance.now() - firstProducedAt;
      log(
        label,
        `backlog forwarded to the lanes in ${Math.round(triageMs)} ms; filing ${probeIds.size} CRITICAL probes ${options.probes.intervalMs} ms apart`,
      );
      const backlog: number[] = [];
      for (const probe of options.probes.records) {
        const standing = await consumerLag(admin, config.engine.laneGroupIds.STANDARD, topics.lanes.STANDARD);
        backlog.push(standing.reduce((sum, p) => sum + p.lag, 0));
        producedAt.set(probe.eventId!, performance.now());
        await producer.send({ topic: topics.shipmentEvents, acks: -1, messages: [{ key: probe.key, value: probe.value }] });
        await sleep(options.probes.intervalMs);
      }
      probeRun = {
        probes: probeIds.size,
        triageMs: Math.round(triageMs),
        standardBacklogAtProbes: { min: Math.min(...backlog), max: Math.max(...backlog) },
      };
    }

    const progress = setInterval(
      () =>
        log(
          label,
          `${ledger.completed}/${load.expected.size} shipments final, ${statuses} statuses, ${deadLetters} dead letters${probeIds.size ? `, ${probeLatencies.length}/${probeIds.size} probes` : ''}`,
        ),
      5000,
    );
    let timedOut = false;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      completed,
      new Promise<void>((resolve) => {
        timeout = setTimeout(() => {
          timedOut = true;
          resolve();
        }, options.timeoutMs);
      }),
      ...children.map((c) => c.exited.then((code) => Promise.reject(new Error(`${c.name} exited with ${code}; see ${c.logFile}`)))),
    ]).finally(() => {
      clearInterval(progress);
      clearTimeout(timeout);
    });
    const cpuAfter = takeCpuSnapshot(runIdentity);
    const cpuWindowMs = performance.now() - firstProducedAt;
    // A short grace period shows duplicates or late extra versions in the correctness check.
    await sleep(500);
    const mem = memory.stop();

    const endAt = timedOut ? performance.now() : completedAt;
    const durationMs = endAt - firstProducedAt;
    const correctness = ledger.report();
    const latencyMs = {} as SystemResult['latencyMs'];
    const latencySamples = {} as Record<Priority, number>;
    for (const p of PRIORITIES) {
      const s: Percentiles = summarise(latencies[p]);
      latencyMs[p] = { p50: s.p50, p90: s.p90, p99: s.p99 };
      latencySamples[p] = s.count;
    }
    const probes: ProbeResult | null = probeRun && {
      ...probeRun,
      answered: probeLatencies.length,
      correct: options.probes!.records.every((r) => probeStatuses.get(r.shipmentId) === load.expected.get(r.shipmentId)?.status),
      latencyMs: summarise(probeLatencies),
    };
    return {
      // In the backlog scenario the run ends before the backlog is drained: statuses per second consumed meanwhile.
      eventsPerSecond: timedOut ? 0 : Math.round((probes ? statuses : load.records.length) / (durationMs / 1000)),
      latencyMs,
      peakRssMb: mem.peakRssMb,
      cpu: cpuReport(cpuBefore, cpuAfter, load.records.length + (options.probes?.records.length ?? 0), {
        ms: cpuWindowMs,
        cores: cpus().length,
        ticksPerSecond: ticksPerSecond(),
      }),
      correct: probes
        ? !timedOut && probes.correct && correctness.conflicting === 0 && correctness.outOfOrder === 0
        : !timedOut && correctness.correct && deadLetters === load.expectedDeadLetters,
      details: {
        durationMs: Math.round(durationMs),
        produceMs: Math.round(produceMs),
        statuses,
        deadLetters,
        expectedDeadLetters: load.expectedDeadLetters,
        latencySamples,
        latencySplitMs: Object.fromEntries(
          PRIORITIES.map((p) => [p, { producedToDecided: summarise(toDecision[p]), decidedToConsumed: summarise(toConsumer[p]) }]),
        ) as SystemResult['details']['latencySplitMs'],
        memory: {
          firstRssMb: mem.firstRssMb,
          lastRssMb: mem.lastRssMb,
          samples: mem.samples,
          timeline: mem.timeline,
          // After the first minute (start-up, caches, JIT): flat memory is a slope near 0.
          rssSlopeMbPerMinute: rssSlope(mem.timeline),
        },
        probes,
        correctness,
        timedOut,
        logs: children.map((c) => c.logFile),
      },
    };
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
    await observer?.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin
      .deleteTopics({ topics: [topics.shipmentEvents, topics.clearanceStatus, topics.deadLetter, ...Object.values(topics.lanes)] })
      .catch(() => undefined);
    await admin.deleteGroups([...groupIds, `${prefix}.observer`]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await dropDatabase(databaseUrl).catch((e) => log(label, `could not drop the database: ${(e as Error).message}`));
  }
}
