import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadAppConfig } from '@app/config';
import { loadProcessEnvironment } from '@app/config/process-env';
import { createKafkaClient, ensureTopics } from '@app/messaging';
import { migrateDatabase } from '@app/persistence/data-source';
import { isClean } from './accounting';
import { parseChaosArgs } from './args';
import { accountPhases, formatPhaseTable } from './phases';
import { StatusRecorder } from './status-recorder';
import { SteadyLoad } from './steady-load';
import { appProcessEnvironment, freePort, SupervisedSystem } from './supervised-system';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const INFRA = join(ROOT, '.infra', 'chaos');
/** Probe shipments per fault: enough keys to land on every partition of the 6. */
const PROBES = 12;
const RECOVERY_TIMEOUT_MS = 300_000;

interface Fault {
  name: string;
  /** Returns once the fault is over: the process killed, the restart issued and answered, the broker resumed. */
  inject(): Promise<void>;
  /** Recovered when this holds; by default, when probe shipments on every partition are decided and published. */
  recovered?: () => Promise<boolean>;
}

const log = (line: string) => console.log(`[chaos] ${new Date().toISOString()} ${line}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * `npm run chaos`: runs the system as `npm start -- --engines 2 --publishers 2` on a broker of
 * its own (.infra/chaos, so other work on the machine keeps its broker) and a database of its own,
 * keeps a steady load on it, and injects one fault after another: SIGKILL of an engine, a
 * publisher and the admin API, a broker killed and restarted, a PostgreSQL restart, a broker
 * paused longer than the session timeout. Then it accounts every shipment's statuses, per fault.
 * Exits non-zero when anything was lost, conflicting or out of order.
 */
async function main(): Promise<number> {
  const args = parseChaosArgs(process.argv.slice(2));
  const env = loadProcessEnvironment();
  const runId = `chaos-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
  mkdirSync(INFRA, { recursive: true });
  const appLog = join(INFRA, `${runId}-apps.log`);

  const brokerPort = Number(env.CHAOS_KAFKA_PORT ?? 19192);
  const brokerEnv = {
    ...env,
    KAFKA_INFRA_DIR: join(INFRA, 'kafka'),
    KAFKA_PORT: String(brokerPort),
    KAFKA_CONTROLLER_PORT: String(brokerPort + 1),
    KAFKA_LIBS_DIR: env.KAFKA_LIBS_DIR ?? join(ROOT, '.infra', 'kafka', 'libs'),
  };
  const kafkaScript = (command: string) => run('bash', [join(ROOT, 'scripts/kafka.sh'), command], { env: brokerEnv, cwd: ROOT });
  const brokerPid = () => Number(readFileSync(join(brokerEnv.KAFKA_INFRA_DIR, 'kafka.pid'), 'utf8').trim());

  const serverUrl = new URL(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/clearance_${runId.replace(/-/g, '_')}`;
  const pgVersion = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql')[0] : undefined;

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const step of cleanups.reverse()) await step().catch((error: Error) => log(`clean-up: ${error.message}`));
    cleanups.length = 0;
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    log(`run ${runId}: broker of its own on localhost:${brokerPort}, database ${databaseUrl.pathname.slice(1)}; app logs in ${appLog}`);
    await kafkaScript('reset').catch(() => undefined);
    await kafkaScript('start');
    cleanups.push(() => kafkaScript('stop'));
    await migrateDatabase(databaseUrl.toString());
    cleanups.push(async () => {
      const admin = new Client({ connectionString: serverUrl.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseUrl.pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    });

    const config = loadAppConfig({
      KAFKA_BROKERS: `localhost:${brokerPort}`,
      DATABASE_URL: databaseUrl.toString(),
      TOPIC_SHIPMENT_EVENTS: `${runId}.shipment-events`,
      TOPIC_CLEARANCE_STATUS: `${runId}.clearance-status`,
      TOPIC_DEAD_LETTER: `${runId}.shipment-events.dlq`,
      TOPIC_PARTITIONS: '6',
      ENGINE_GROUP_ID: `${runId}.engine`,
    });
    const kafka = createKafkaClient(config.kafka, 'chaos');
    await ensureTopics(createKafkaClient(config.kafka, 'chaos-topics'), config.topics);
    const recorder = new StatusRecorder(kafka, config.topics.clearanceStatus, `${runId}.recorder`);
    await recorder.start();
    cleanups.push(() => recorder.stop());

    const adminPort = await freePort();
    const system = new SupervisedSystem(
      appProcessEnvironment(config, { ADMIN_PORT: String(adminPort), OUTBOX_POLL_INTERVAL_MS: '100', LOG_LEVEL: 'error' }),
      { engines: 2, publishers: 2 },
      (line) => (line.startsWith('[start]') ? log(line) : appendFileSync(appLog, `${line}\n`)),
    );
    cleanups.push(() => system.stop());
    const admin = kafka.admin();
    await admin.connect();
    await until(
      'two engines in every consumer group',
      async () => {
        const { groups } = await admin.describeGroups([config.engine.groupId, ...Object.values(config.engine.laneGroupIds)]);
        return groups.every((g) => g.state === 'Stable' && g.members.length === 2);
      },
      120_000,
    );
    await admin.disconnect();

    const load = new SteadyLoad(kafka, config.topics.shipmentEvents, runId, args.rate);
    await load.start();
    const adminAnswers = async () => {
      try {
        return (await fetch(`http://127.0.0.1:${adminPort}/health`, { signal: AbortSignal.timeout(1_000) })).ok;
      } catch {
        return false;
      }
    };
    const kill = (name: string) => {
      const pid = system.pidOf(name);
      if (pid === undefined) throw new Error(`${name} is not running`);
      process.kill(pid, 'SIGKILL');
    };
    const faults: Fault[] = [
      { name: 'SIGKILL one of two engines', inject: async () => kill('clearance-engine#1') },
      { name: 'SIGKILL a status publisher', inject: async () => kill('status-publisher#1') },
      {
        name: 'SIGKILL the admin API',
        inject: async () => {
          kill('admin-api');
          await until('the admin API gone', async () => !(await adminAnswers()), 10_000);
        },
        recovered: adminAnswers,
      },
      {
        name: 'SIGKILL the broker, restart it',
        inject: async () => {
          process.kill(brokerPid(), 'SIGKILL');
          await sleep(2_000);
          await kafkaScript('start');
        },
      },
      ...(pgVersion
        ? [
            {
              name: 'restart PostgreSQL',
              inject: async () => {
                await run('pg_ctlcluster', ['--skip-systemctl-redirect', pgVersion, 'main', 'restart']);
              },
            },
          ]
        : []),
      {
        name: `SIGSTOP the broker ${args.pauseSeconds} s (session timeout 15 s)`,
        inject: async () => {
          const pid = brokerPid();
          process.kill(pid, 'SIGSTOP');
          await sleep(args.pauseSeconds * 1000);
          process.kill(pid, 'SIGCONT');
        },
      },
    ];

    const phases: { name: string; recoverySeconds: number | null }[] = [{ name: 'no fault (baseline)', recoverySeconds: null }];
    log(`steady load of ${args.rate} shipments/s (submitted, amended, arrived)`);
    await sleep(args.settleSeconds * 2000);
    for (const [index, fault] of faults.entries()) {
      load.phase = index + 1;
      phases.push({ name: fault.name, recoverySeconds: null });
      log(`fault ${index + 1}/${faults.length}: ${fault.name}`);
      await fault.inject();
      const over = Date.now();
      if (fault.recovered) {
        await until(`recovery from ${fault.name}`, fault.recovered, RECOVERY_TIMEOUT_MS);
        phases[index + 1].recoverySeconds = (Date.now() - over) / 1000;
      } else {
        const probes = await Promise.all(Array.from({ length: PROBES }, (_, k) => load.probe(`${index + 1}-${k}`)));
        await until(
          `statuses of the probes after ${fault.name}`,
          () => recorder.firstReceived(probes).every((at) => at !== undefined),
          RECOVERY_TIMEOUT_MS,
        );
        phases[index + 1].recoverySeconds = (Math.max(...recorder.firstReceived(probes).map((at) => at!)) - over) / 1000;
      }
      log(`recovered from ${fault.name} in ${phases[index + 1].recoverySeconds!.toFixed(1)} s`);
      await sleep(args.settleSeconds * 1000);
    }

    log('stopping the load; waiting for every status');
    await load.finish();
    const expected = load.expected();
    const finalOf = new Map(expected.map((e) => [e.shipment.shipmentId, e.shipment.versions]));
    let lastCount = -1;
    let quietSince = Date.now();
    await until(
      'every status (or 60 s without a new one)',
      () => {
        const done = [...finalOf].every(([id, version]) => recorder.received.some((r) => r.shipmentId === id && r.version >= version));
        if (recorder.received.length !== lastCount) {
          lastCount = recorder.received.length;
          quietSince = Date.now();
        }
        return done || Date.now() - quietSince > 60_000;
      },
      RECOVERY_TIMEOUT_MS,
    );

    const reports = accountPhases(phases, expected, recorder.received, (s) => s.versions);
    const table = formatPhaseTable(reports);
    console.log(`\n${table}\n`);
    const clean = reports.every(isClean);
    const totals = { eventsSent: load.eventsSent, sendFailuresRetried: load.sendFailures, shipments: expected.length };
    console.log(
      `${clean ? 'CLEAN' : 'PROBLEMS'}: ${reports.reduce((n, r) => n + r.lost, 0)} lost, ${reports.reduce((n, r) => n + r.conflicting, 0)} conflicting, ` +
        `${reports.reduce((n, r) => n + r.outOfOrder, 0)} out of order, ${reports.reduce((n, r) => n + r.duplicated, 0)} duplicated (harmless); ` +
        `${totals.eventsSent} events acknowledged by the broker (${totals.sendFailuresRetried} failed sends retried)`,
    );
    for (const r of reports) for (const example of r.examples) console.log(`  ${r.phase}: ${example}`);
    if (args.out) writeFileSync(args.out, JSON.stringify({ run: runId, args, totals, phases: reports }, null, 2));
    return clean ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[chaos] failed: ${error.stack ?? error.message}`);
    process.exit(2);
  },
);
