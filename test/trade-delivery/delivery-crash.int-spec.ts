import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type AdminApiClient } from '../support/admin-api-client';
import { aSubmissionNaming } from '../support/test-data';
import { TestSystem } from '../support/test-system';
import { WebhookReceiver } from '../support/webhook-receiver';

const ROOT = join(__dirname, '../..');
const DELIVERY_MAIN = join(ROOT, 'dist/apps/trade-delivery/src/main.js');
const WEBHOOK_ENV = {
  WEBHOOKS_ALLOW_HTTP_LOCALHOST: 'true',
  WEBHOOKS_TIMEOUT_MS: '1000',
  WEBHOOKS_BACKOFF_INITIAL_MS: '50',
  WEBHOOKS_BACKOFF_MAX_MS: '200',
  WEBHOOKS_POLL_INTERVAL_MS: '50',
};

/** The compiled delivery worker as a real process, on the test system's database. */
function spawnDeliveryWorker(system: TestSystem): ChildProcess {
  return spawn(process.execPath, ['-r', join(ROOT, 'scripts/paths.js'), DELIVERY_MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: system.config.databaseUrl, LOG_LEVEL: 'warn', ...WEBHOOK_ENV },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

describe('delivery to the trade: a delivery worker killed in the middle of a call', () => {
  const run = randomBytes(3).toString('hex');
  const firm = `ID-FIRM-CRASH-${run}`;
  const shipment = `SHP-HOOK-CRASH-${run}`;
  let system: TestSystem;
  let api: AdminApiClient;
  let worker: ChildProcess | null = null;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    if (!existsSync(DELIVERY_MAIN)) throw new Error(`${DELIVERY_MAIN} is missing: run npm run build first (npm test does)`);
    system = await TestSystem.create('trade-crash', { env: WEBHOOK_ENV });
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
    receiver = await WebhookReceiver.start({ kind: 'never-answer' });
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await system?.close();
    await receiver?.close();
  });

  it('loses nothing: the next worker sends the message that was in flight, then the rest, in order', async () => {
    const subscriber = await api.createSubscriber('Firm killed mid-call', [firm]);
    const admin = await api.as('admin');
    const { secret } = (await admin.post(`/api/v1/subscribers/${subscriber}/webhooks`).send({ url: receiver.url }).expect(201)).body as {
      secret: string;
    };
    worker = spawnDeliveryWorker(system);
    await system.produce([aSubmissionNaming(shipment, { consigneeId: firm })]);
    await receiver.waitFor('the first call', () => receiver.calls.length > 0);

    worker.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));
    receiver.behaviour = { kind: 'ok' };
    const operator = await api.as('operator');
    await operator
      .post(`/api/v1/shipments/${shipment}/decisions`)
      .send({ status: 'DOCUMENT_CHECK', reason: 'sample for the lab' })
      .expect(201);
    await system.waitForStatus(shipment, 2);

    // The killed worker's lease expires; the next worker takes the endpoint over.
    worker = spawnDeliveryWorker(system);
    await receiver.waitFor('both versions', () => receiver.acceptedVersions(shipment).length >= 2, 60_000);
    expect(receiver.acceptedVersions(shipment)).toEqual([1, 2]);
    const versionOf = (body: string) => (JSON.parse(body) as { data: { version: number } }).data.version;
    const firstAccepted = receiver.calls.findIndex((c) => c.answered === 200);
    // Before the first accepted call only version 1 was ever sent (and never answered): nothing skipped ahead.
    expect(receiver.calls.slice(0, firstAccepted).every((c) => versionOf(c.body) === 1 && c.answered === null)).toBe(true);
    expect(versionOf(receiver.calls[firstAccepted].body)).toBe(1);
    expect(() => receiver.verifyAll(secret)).not.toThrow();
  });
});
