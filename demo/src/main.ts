/**
 * `npm run demo [-- --rate N] [--seed S] [--duration SECONDS]`: a border-system simulator. Files
 * realistic declarations (bench's seeded generator plus a few suspicious ones) on the shipment
 * events topic at the chosen rate, follows the status and dead-letter topics with a consumer
 * group of its own, and shows what comes back: a live view on a terminal, a summary line every
 * 2 s otherwise. Ctrl-C (or the end of --duration) stops filing, waits up to 5 s for the
 * statuses still on their way, and prints a summary.
 */
import { Client } from 'pg';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { loadAppConfigFromProcess } from '@app/config';
import { type ClearanceStatusEvent } from '@app/contract';
import { kafkaConnectionOptions } from '@app/messaging';
import { parseDemoArgs } from './args';
import { RateMeter, Tally } from './tally';
import { BorderTraffic, type Filing } from './traffic';
import { type ViewState, finalSummary, renderView, summaryLine } from './view';

const FRAME_MS = 250;
const SUMMARY_EVERY_FRAMES = 8; // 2 s
const MAX_WAIT_FOR_OUTSTANDING_MS = 5_000;
const MAX_BATCH = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Origin countries on an active watchlist entry, for the "watchlisted origin" filings. */
async function watchlistedOrigins(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ value: string }>(
      `SELECT DISTINCT value FROM watchlist_entries WHERE kind = 'ORIGIN_COUNTRY' AND (expires_at IS NULL OR expires_at > now())`,
    );
    return rows.map((r) => r.value.toUpperCase()).filter((v) => /^[A-Z]{2}$/.test(v));
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Redraws a block of lines in place (cursor up, rewrite, clear the rest). */
class Screen {
  private lines = 0;

  draw(lines: string[]): void {
    const up = this.lines > 0 ? `\x1b[${this.lines}F` : '';
    process.stdout.write(`${up}${lines.map((l) => `${l}\x1b[K`).join('\n')}\n\x1b[J`);
    this.lines = lines.length;
  }

  hideCursor(): void {
    process.stdout.write('\x1b[?25l');
  }

  showCursor(): void {
    if (process.stdout.isTTY) process.stdout.write('\x1b[?25h');
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  const config = loadAppConfigFromProcess();
  const { topics } = config;
  const runId = Date.now().toString(36).toUpperCase();
  // Unique per run: event ids and shipments never collide with earlier runs in the database.
  const idPrefix = `DEMO${runId}`;
  const ownShipment = `SHP-${idPrefix}-`;
  const tty = process.stdout.isTTY === true;

  let stopping = false;
  let hurry = false;
  const stop = () => {
    if (stopping) hurry = true; // a second Ctrl-C skips the wait for outstanding statuses
    stopping = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  let lastError: string | null = null;
  const kafka = new Kafka({
    ...kafkaConnectionOptions(config.kafka),
    clientId: `${config.kafka.clientId}-demo`,
    logLevel: logLevel.ERROR,
    // Errors go to the view, not over it.
    logCreator:
      () =>
      ({ log }) => {
        lastError = String(log.message);
      },
  });
  const origins = await watchlistedOrigins(config.databaseUrl);
  const traffic = new BorderTraffic({ seed: args.seed, idPrefix, watchlistedOrigins: origins });
  const tally = new Tally();
  const groupId = `${config.kafka.clientId}-demo-${runId.toLowerCase()}`;
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

  console.log(
    `[demo] run ${runId}: filing on ${topics.shipmentEvents} at ${args.rate}/s (seed ${args.seed}${args.durationSeconds ? `, ${args.durationSeconds} s` : ''}); ` +
      `following ${topics.clearanceStatus} and ${topics.deadLetter} as consumer group ${groupId}` +
      (origins.length ? `; watchlisted origins: ${origins.join(', ')}` : '; no origin country on the watchlist'),
  );

  await admin.connect();
  // The group starts at the current end of both topics: only this run's statuses matter.
  for (const topic of [topics.clearanceStatus, topics.deadLetter]) {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) });
  }
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.connect();
  await consumer.subscribe({ topics: [topics.clearanceStatus, topics.deadLetter] });
  await consumer.run({
    partitionsConsumedConcurrently: topics.partitions,
    eachBatch: async ({ batch }) => {
      const at = performance.now();
      for (const message of batch.messages) {
        if (batch.topic === topics.deadLetter) {
          if (message.key?.toString().startsWith(ownShipment)) tally.deadLetter();
          continue;
        }
        if (!message.value) continue;
        const d = (JSON.parse(message.value.toString()) as ClearanceStatusEvent).data;
        if (!d.shipmentId.startsWith(ownShipment)) continue;
        tally.status(
          { shipmentId: d.shipmentId, version: d.version, status: d.status, priority: d.priority, causationId: d.causationId ?? null },
          at,
        );
      }
    },
  });
  await producer.connect();
  for (let waited = 0; !joined && !stopping && waited < 30_000; waited += 50) await sleep(50);
  if (!joined && !stopping) throw new Error(`consumer group ${groupId} did not join within 30 s`);

  // The view.
  const planned = args.durationSeconds !== null ? Math.round(args.rate * args.durationSeconds) : null;
  const sentMeter = new RateMeter();
  const statusMeter = new RateMeter();
  let phase: ViewState['phase'] = 'filing';
  let start = performance.now();
  let elapsedMs = 0;
  const state = (): ViewState => ({
    tally,
    runId,
    seed: args.seed,
    targetRate: args.rate,
    elapsedMs,
    durationMs: args.durationSeconds !== null ? args.durationSeconds * 1000 : null,
    planned,
    achievedRate: elapsedMs > 0 ? (tally.sent * 1000) / elapsedMs : 0,
    recentRate: sentMeter.perSecond(),
    statusRate: statusMeter.perSecond(),
    phase,
    lastError,
  });
  const screen = new Screen();
  let frames = 0;
  const frame = () => {
    const now = performance.now();
    if (phase === 'filing') elapsedMs = now - start;
    sentMeter.add(now, tally.sent);
    statusMeter.add(now, tally.received);
    tally.prune(now);
    if (tty) screen.draw(renderView(state(), { colour: true, columns: process.stdout.columns || 100 }));
    else if (++frames % SUMMARY_EVERY_FRAMES === 0) console.log(summaryLine(state()));
  };
  if (tty) screen.hideCursor();
  const restoreCursor = () => tty && screen.showCursor();
  process.on('exit', restoreCursor);
  start = performance.now();
  frame();
  const timer = setInterval(frame, FRAME_MS);

  // Filing at the target rate: each pass sends every event due by now (the first at t = 0).
  while (!stopping && (planned === null || tally.sent < planned)) {
    const now = performance.now();
    let due = Math.floor(((now - start) * args.rate) / 1000) + 1 - tally.sent;
    if (planned !== null) due = Math.min(due, planned - tally.sent);
    if (due <= 0) {
      const nextAt = start + (tally.sent * 1000) / args.rate;
      await sleep(Math.min(100, Math.max(1, nextAt - now)));
      continue;
    }
    const filings: Filing[] = [];
    for (let i = 0; i < Math.min(due, MAX_BATCH); i++) filings.push(traffic.next());
    const messages = filings.map((f) => ({ key: f.record.key, value: f.record.value }));
    for (;;) {
      const at = performance.now();
      try {
        await producer.send({ topic: topics.shipmentEvents, messages });
        for (const f of filings) tally.sentFiling(f, at);
        break;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        if (stopping) break;
        await sleep(1_000);
      }
    }
  }

  // Stopped filing: wait briefly for what is still on its way.
  phase = 'waiting';
  elapsedMs = performance.now() - start;
  const waitUntil = performance.now() + MAX_WAIT_FOR_OUTSTANDING_MS;
  while (!hurry && tally.outstanding > 0 && performance.now() < waitUntil) await sleep(50);
  phase = 'done';
  clearInterval(timer);
  frame();
  restoreCursor();

  await withTimeout(producer.disconnect(), 5_000);
  await withTimeout(consumer.disconnect(), 5_000);
  await withTimeout(
    admin.deleteGroups([groupId]).catch(() => undefined),
    5_000,
  );
  await withTimeout(admin.disconnect(), 5_000);

  console.log('');
  for (const line of finalSummary(state())) console.log(line);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (process.stdout.isTTY) process.stdout.write('\x1b[?25h');
    console.error(`demo failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
