import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { type AdminApiClient } from '../support/admin-api-client';
import { metricValue } from '../support/prometheus';
import { aSubmissionNaming } from '../support/test-data';
import { TestSystem } from '../support/test-system';
import { WebhookReceiver } from '../support/webhook-receiver';

interface WebhookState {
  id: string;
  failedAttempts: number;
  pausedAt: string | null;
  pausedReason: string | null;
}

describe('delivery to the trade: signed webhooks', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  let admin: Awaited<ReturnType<AdminApiClient['as']>>;
  let operator: Awaited<ReturnType<AdminApiClient['as']>>;
  const run = randomBytes(3).toString('hex');
  const firmA = `ID-FIRM-A-${run}`;
  const carrierB = `CARRIER-B-${run}`;
  const id = (name: string) => `SHP-HOOK-${run}-${name}`;
  const onlyA1 = id('only-a1');
  const onlyA2 = id('only-a2');
  const onlyB = id('only-b');
  const both = id('both');
  /** What each subscriber must receive: every version of its shipments. */
  const expectedA: Record<string, number[]> = { [onlyA1]: [1, 2, 3], [onlyA2]: [1], [both]: [1] };
  const expectedB: Record<string, number[]> = { [onlyB]: [1, 2], [both]: [1] };
  const receivers: WebhookReceiver[] = [];
  let aFlaky: WebhookReceiver;
  let aSteady: WebhookReceiver;
  let bDead: WebhookReceiver;
  let bSteady: WebhookReceiver;
  const secrets = new Map<WebhookReceiver, string>();
  const webhookIds = new Map<WebhookReceiver, string>();
  let subscriberA: string;
  let subscriberB: string;
  let startedAt: string;

  const receiver = async (behaviour: Parameters<typeof WebhookReceiver.start>[0]) => {
    const started = await WebhookReceiver.start(behaviour);
    receivers.push(started);
    return started;
  };
  const register = async (subscriberId: string, target: WebhookReceiver) => {
    const res = await admin.post(`/api/v1/subscribers/${subscriberId}/webhooks`).send({ url: target.url }).expect(201);
    secrets.set(target, res.body.secret);
    webhookIds.set(target, res.body.id);
  };
  /** Every shipment's accepted versions, as this receiver got them. */
  const acceptedByShipment = (target: WebhookReceiver, shipments: string[]) =>
    Object.fromEntries(shipments.map((s) => [s, target.acceptedVersions(s)]));
  const hasAll = (target: WebhookReceiver, expected: Record<string, number[]>) => () =>
    Object.entries(expected).every(([s, versions]) => target.acceptedVersions(s).length >= versions.length);
  const webhookState = async (subscriberId: string, target: WebhookReceiver): Promise<WebhookState> => {
    const res = await admin.get(`/api/v1/subscribers/${subscriberId}`).expect(200);
    return (res.body.webhooks as WebhookState[]).find((w) => w.id === webhookIds.get(target))!;
  };
  const move = async (shipmentId: string, status: string, version: number) => {
    await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status, reason: 'checked at the counter' }).expect(201);
    await system.waitForStatus(shipmentId, version);
  };

  beforeAll(async () => {
    system = await TestSystem.create('trade-webhooks', {
      env: {
        WEBHOOKS_ALLOW_HTTP_LOCALHOST: 'true',
        WEBHOOKS_TIMEOUT_MS: '1000',
        WEBHOOKS_BACKOFF_INITIAL_MS: '50',
        WEBHOOKS_BACKOFF_MAX_MS: '200',
        WEBHOOKS_RETRY_WINDOW_MS: '8000',
        WEBHOOKS_POLL_INTERVAL_MS: '50',
      },
    });
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
    admin = await api.as('admin');
    operator = await api.as('operator');
    await system.startTradeDelivery();

    [aFlaky, aSteady, bDead, bSteady] = await Promise.all([
      receiver({ kind: 'fail-first', n: 3 }),
      receiver({ kind: 'ok' }),
      receiver({ kind: 'never-answer' }),
      receiver({ kind: 'ok' }),
    ]);
    subscriberA = await api.createSubscriber('Firm A', [firmA]);
    subscriberB = await api.createSubscriber('Carrier B', [carrierB]);
    await register(subscriberA, aFlaky);
    await register(subscriberA, aSteady);
    await register(subscriberB, bDead);
    await register(subscriberB, bSteady);

    startedAt = new Date(Date.now() - 1000).toISOString();
    await system.produce([
      aSubmissionNaming(onlyA1, { consigneeId: firmA }),
      aSubmissionNaming(onlyA2, { consigneeId: firmA }),
      aSubmissionNaming(onlyB, { carrierId: carrierB }),
      aSubmissionNaming(both, { consigneeId: firmA, carrierId: carrierB }),
    ]);
    await Promise.all([onlyA1, onlyA2, onlyB, both].map((s) => system.waitForStatus(s, 1)));
    await move(onlyA1, 'DOCUMENT_CHECK', 2);
    await move(onlyA1, 'RELEASED', 3);
    await move(onlyB, 'HELD', 2);
  });

  afterAll(async () => {
    await system?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('a receiver that answers 500 and then comes back gets every version, in order, signed as Standard Webhooks says', async () => {
    await aFlaky.waitFor('every status of firm A', hasAll(aFlaky, expectedA));
    expect(aFlaky.calls.slice(0, 3).map((c) => c.answered)).toEqual([500, 500, 500]);
    expect(acceptedByShipment(aFlaky, Object.keys(expectedA))).toEqual(expectedA);
    // The refused message was retried before anything after it was sent.
    expect(new Set(aFlaky.calls.slice(0, 4).map((c) => c.headers['webhook-id'])).size).toBe(1);
    expect(() => aFlaky.verifyAll(secrets.get(aFlaky)!)).not.toThrow();
    expect(() => aFlaky.verifyAll(secrets.get(aSteady)!)).toThrow();
    // The body is the status event as published on the status topic.
    for (const event of aFlaky.accepted())
      expect(event).toEqual(system.statusesOf(event.data.shipmentId).find((e) => e.data.version === event.data.version));
  });

  it('party A never receives B’s statuses, nor B A’s', async () => {
    await aSteady.waitFor('every status of firm A', hasAll(aSteady, expectedA));
    await bSteady.waitFor('every status of carrier B', hasAll(bSteady, expectedB));
    expect(acceptedByShipment(aSteady, Object.keys(expectedA))).toEqual(expectedA);
    expect(acceptedByShipment(bSteady, Object.keys(expectedB))).toEqual(expectedB);
    const subjects = (r: WebhookReceiver) => [...new Set(r.calls.map((c) => (JSON.parse(c.body) as { subject: string }).subject))].sort();
    expect(subjects(aSteady)).toEqual(Object.keys(expectedA).sort());
    expect(subjects(aFlaky)).toEqual(Object.keys(expectedA).sort());
    expect(subjects(bSteady)).toEqual(Object.keys(expectedB).sort());
    expect(() => bSteady.verifyAll(secrets.get(bSteady)!)).not.toThrow();
  });

  it('an endpoint that never answers is retried and then paused with the reason, while the others get everything', async () => {
    await bSteady.waitFor('every status of carrier B', hasAll(bSteady, expectedB));
    expect(bDead.accepted()).toEqual([]);
    await bDead.waitFor('a first call', () => bDead.calls.length > 0);
    let state = await webhookState(subscriberB, bDead);
    const deadline = Date.now() + 60_000;
    while (state.pausedAt === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      state = await webhookState(subscriberB, bDead);
    }
    expect(state.pausedAt).not.toBeNull();
    expect(state.pausedReason).toMatch(/No answer within 1000 ms/);
    expect(state.failedAttempts).toBeGreaterThan(1);
    // Retried: the same (first) message each time.
    expect(bDead.calls.length).toBeGreaterThan(1);
    expect(new Set(bDead.calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
    const attempts = await admin.get(`/api/v1/subscribers/${subscriberB}/deliveries?limit=500`).expect(200);
    const outcomes = (attempts.body.items as { webhookId: string; outcome: string }[]).filter((a) => a.webhookId === webhookIds.get(bDead));
    expect(outcomes.length).toBe(state.failedAttempts);
    expect(new Set(outcomes.map((a) => a.outcome))).toEqual(new Set(['timeout']));
  });

  it('metrics show attempts and deliveries by outcome, paused endpoints and the oldest undelivered notification per subscriber', async () => {
    // A firm that only pulls: its notification stays undelivered.
    const firmD = `ID-FIRM-D-${run}`;
    const subscriberD = await api.createSubscriber('Firm D', [firmD]);
    const shipment = id('pull-only');
    await system.produce([aSubmissionNaming(shipment, { consigneeId: firmD })]);
    await system.waitForStatus(shipment, 1);
    const deadline = Date.now() + 30_000;
    const wanted = (page: string) => ({
      attemptsTimedOut: metricValue(page, 'trade_webhook_attempts_total', { app: 'trade-delivery', outcome: 'timeout' }),
      attemptsDelivered: metricValue(page, 'trade_webhook_attempts_total', { app: 'trade-delivery', outcome: 'delivered' }),
      delivered: metricValue(page, 'trade_webhook_deliveries_total', { app: 'trade-delivery', outcome: 'delivered' }),
      paused: metricValue(page, 'trade_webhook_deliveries_total', { app: 'trade-delivery', outcome: 'paused' }),
      pausedEndpoints: metricValue(page, 'trade_webhook_endpoints_paused', { app: 'trade-delivery' }),
      oldestUndelivered: metricValue(page, 'trade_notifications_oldest_undelivered_seconds', { subscriber: subscriberD }),
    });
    let seen = wanted('');
    // The paused-endpoints gauge is refreshed on its own schedule: wait for it too, not only for every series to exist.
    while ((Object.values(seen).some((v) => Number.isNaN(v)) || !(seen.pausedEndpoints >= 1)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      seen = wanted((await api.anonymous().get('/metrics').expect(200)).text);
    }
    expect(seen.attemptsTimedOut).toBeGreaterThan(1);
    expect(seen.attemptsDelivered).toBeGreaterThan(0);
    expect(seen.delivered).toBeGreaterThan(0);
    expect(seen.paused).toBeGreaterThanOrEqual(1);
    expect(seen.pausedEndpoints).toBeGreaterThanOrEqual(1);
    expect(seen.oldestUndelivered).toBeGreaterThanOrEqual(0);
  });

  it('resumed, the paused endpoint gets every version, in order', async () => {
    bDead.behaviour = { kind: 'ok' };
    await admin.post(`/api/v1/subscribers/${subscriberB}/webhooks/${webhookIds.get(bDead)}/resume`).expect(200);
    await bDead.waitFor('every status of carrier B', hasAll(bDead, expectedB));
    expect(acceptedByShipment(bDead, Object.keys(expectedB))).toEqual(expectedB);
    expect((await webhookState(subscriberB, bDead)).pausedAt).toBeNull();
  });

  it('a replay sends everything since a time again, in order', async () => {
    const before = aSteady.accepted().length;
    const replay = await admin
      .post(`/api/v1/subscribers/${subscriberA}/replay`)
      .send({ since: startedAt, webhookId: webhookIds.get(aSteady) })
      .expect(202);
    expect(replay.body).toEqual({ queued: before });
    await aSteady.waitFor('the replay', () => aSteady.accepted().length >= 2 * before);
    const again = aSteady.accepted().slice(before);
    const versions = Object.fromEntries(
      Object.keys(expectedA).map((s) => [s, again.filter((e) => e.subject === s).map((e) => e.data.version)]),
    );
    expect(versions).toEqual(expectedA);
  });

  it('after a secret rotation both secrets sign each message', async () => {
    const previous = secrets.get(aSteady)!;
    const rotated = await admin.post(`/api/v1/subscribers/${subscriberA}/webhooks/${webhookIds.get(aSteady)}/rotate-secret`).expect(200);
    expect(rotated.body.secret).not.toEqual(previous);
    await move(onlyA2, 'HELD', 2);
    await aSteady.waitFor('version 2 of the second shipment', () => aSteady.acceptedVersions(onlyA2).includes(2));
    const call = aSteady.calls.find(
      (c) => (JSON.parse(c.body) as { subject: string; data: { version: number } }).data.version === 2 && c.body.includes(onlyA2),
    )!;
    expect(String(call.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [previous, rotated.body.secret as string])
      expect(() => new Webhook(secret).verify(call.body, call.headers as Record<string, string>)).not.toThrow();
  });

  it('endpoints must be https, or http to loopback when allowed, and never a private address', async () => {
    const refused = async (url: string) => {
      const res = await admin.post(`/api/v1/subscribers/${subscriberA}/webhooks`).send({ url }).expect(400);
      return res.body.errors[0] as { field: string; message: string };
    };
    expect(await refused('http://hooks.example.com/customs')).toEqual({
      field: 'url',
      message: 'url must be https (http only to a loopback address)',
    });
    expect((await refused('https://169.254.169.254/latest/meta-data')).message).toMatch(/not a public address/);
    expect((await refused('https://10.0.0.8/hooks')).message).toMatch(/not a public address/);
  });

  it('a restart of the delivery worker in the middle of a call loses nothing', async () => {
    const firmC = `ID-FIRM-C-${run}`;
    const shipment = id('restart');
    const hanging = await receiver({ kind: 'never-answer' });
    const subscriberC = await api.createSubscriber('Firm C', [firmC]);
    await register(subscriberC, hanging);
    await system.produce([aSubmissionNaming(shipment, { consigneeId: firmC })]);
    await hanging.waitFor('the first call', () => hanging.calls.length > 0);
    await system.stopTradeDelivery();
    hanging.behaviour = { kind: 'ok' };
    await move(shipment, 'DOCUMENT_CHECK', 2);
    await system.startTradeDelivery();
    await hanging.waitFor('both versions', () => hanging.acceptedVersions(shipment).length >= 2);
    expect(hanging.acceptedVersions(shipment)).toEqual([1, 2]);
    expect(() => hanging.verifyAll(secrets.get(hanging)!)).not.toThrow();
  });
});
