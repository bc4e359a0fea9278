import { randomBytes } from 'node:crypto';
import { type ClearanceStatusEvent } from '@app/contract';
import { TradeNotificationRepository } from '@app/persistence';
import { NotificationPurge } from '../../apps/trade-delivery/src/notification-purge';
import { type AdminApiClient } from '../support/admin-api-client';
import { aSubmissionNaming } from '../support/test-data';
import { TestSystem } from '../support/test-system';

interface Notification {
  id: string;
  shipmentId: string;
  version: number;
  event: ClearanceStatusEvent;
}

describe('delivery to the trade: subscribers, pull and subscriber keys', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const run = randomBytes(3).toString('hex');
  const firmA = `ID-FIRM-A-${run}`;
  const carrierB = `CARRIER-B-${run}`;
  const id = (name: string) => `SHP-PULL-${run}-${name}`;
  const onlyA = id('only-a');
  const onlyB = id('only-b');
  const both = id('both');
  const nobody = id('nobody');
  let subscriberA: string;
  let subscriberB: string;
  let keyA: string;
  let keyB: string;

  const declared = (shipmentId: string, parties: { a?: boolean; b?: boolean }) =>
    aSubmissionNaming(shipmentId, { consigneeId: parties.a ? firmA : undefined, carrierId: parties.b ? carrierB : undefined });

  const pull = async (key: string, query = ''): Promise<Notification[]> => {
    const res = await api.withKey(key).get(`/api/v1/notifications${query}`).expect(200);
    return res.body.items as Notification[];
  };

  beforeAll(async () => {
    system = await TestSystem.create('trade-pull');
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
    subscriberA = await api.createSubscriber('Firm A', [firmA]);
    subscriberB = await api.createSubscriber('Carrier B', [carrierB]);
    keyA = await api.subscriberKey(subscriberA);
    keyB = await api.subscriberKey(subscriberB);
    await system.produce([
      declared(onlyA, { a: true }),
      declared(onlyB, { b: true }),
      declared(both, { a: true, b: true }),
      declared(nobody, {}),
    ]);
    // The notifications commit with the outbox rows: once a status is on the topic, its notifications exist.
    await Promise.all([onlyA, onlyB, both, nobody].map((s) => system.waitForStatus(s, 1)));
  });

  afterAll(async () => {
    await system?.close();
  });

  it('each subscriber pulls the statuses of exactly the shipments naming its party ids, as published', async () => {
    const [a, b] = await Promise.all([pull(keyA), pull(keyB)]);
    expect(a.map((n) => n.shipmentId).sort()).toEqual([both, onlyA].sort());
    expect(b.map((n) => n.shipmentId).sort()).toEqual([both, onlyB].sort());
    for (const n of [...a, ...b]) expect(n.event).toEqual(system.statusesOf(n.shipmentId).find((e) => e.data.version === n.version));
  });

  it('a shipment that is not the subscriber’s answers exactly as one that does not exist', async () => {
    const mine = await api.withKey(keyA).get(`/api/v1/my/shipments/${onlyA}`).expect(200);
    expect(mine.body).toEqual(system.statusesOf(onlyA).at(-1));
    const theirs = await api.withKey(keyA).get(`/api/v1/my/shipments/${onlyB}`).expect(404);
    const unknown = await api
      .withKey(keyA)
      .get(`/api/v1/my/shipments/${id('never-declared')}`)
      .expect(404);
    expect(theirs.body).toEqual(unknown.body);
    await api.withKey(keyB).get(`/api/v1/my/shipments/${onlyA}`).expect(404);
    await api.withKey(keyB).get(`/api/v1/my/shipments/${both}`).expect(200);
  });

  it('a subscriber key reaches only its own routes, and operators’ keys not those', async () => {
    await api.withKey(keyA).get('/api/v1/shipments').expect(403);
    await api.withKey(keyA).get(`/api/v1/subscribers/${subscriberA}`).expect(403);
    await api.withKey(keyA).post('/api/v1/api-keys').send({ name: 'x', role: 'admin' }).expect(403);
    await (await api.as('admin')).get('/api/v1/notifications').expect(403);
    await (await api.as('viewer')).get(`/api/v1/my/shipments/${onlyA}`).expect(403);
  });

  it('an operator’s move is the next notification, in version order', async () => {
    const operator = await api.as('operator');
    await operator
      .post(`/api/v1/shipments/${onlyA}/decisions`)
      .send({ status: 'DOCUMENT_CHECK', reason: 'random check at the counter' })
      .expect(201);
    await system.waitForStatus(onlyA, 2);
    const versions = (await pull(keyA)).filter((n) => n.shipmentId === onlyA).map((n) => n.version);
    expect(versions).toEqual([1, 2]);
    const mine = await api.withKey(keyA).get(`/api/v1/my/shipments/${onlyA}`).expect(200);
    expect(mine.body.data).toMatchObject({ version: 2, status: 'DOCUMENT_CHECK' });
  });

  it('pages oldest first; acknowledged notifications are no longer listed; others’ ids change nothing', async () => {
    const all = await pull(keyA);
    const firstPage = await api.withKey(keyA).get('/api/v1/notifications?limit=1').expect(200);
    expect(firstPage.body.items.map((n: Notification) => n.id)).toEqual([all[0].id]);
    const secondPage = await api.withKey(keyA).get(`/api/v1/notifications?limit=1&cursor=${firstPage.body.nextCursor}`).expect(200);
    expect(secondPage.body.items.map((n: Notification) => n.id)).toEqual([all[1].id]);

    const ids = all.map((n) => n.id);
    const byB = await api.withKey(keyB).post('/api/v1/notifications/ack').send({ ids }).expect(200);
    expect(byB.body).toEqual({ acknowledged: 0 });
    expect((await pull(keyA)).map((n) => n.id)).toEqual(ids);

    const acked = await api
      .withKey(keyA)
      .post('/api/v1/notifications/ack')
      .send({ ids: ids.slice(0, 1) })
      .expect(200);
    expect(acked.body).toEqual({ acknowledged: 1 });
    expect((await pull(keyA)).map((n) => n.id)).toEqual(ids.slice(1));
    await api
      .withKey(keyA)
      .post('/api/v1/notifications/ack')
      .send({ ids: ['not-a-number'] })
      .expect(400);
  });

  it('creating subscribers and their keys is audited and validated', async () => {
    const admin = await api.as('admin');
    const bad = await admin.post('/api/v1/subscribers').send({ name: ' ', partyIds: [] }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'partyIds']);
    const keyless = await admin.post('/api/v1/api-keys').send({ name: 'no subscriber', role: 'subscriber' }).expect(400);
    expect(keyless.body.errors.map((e: { field: string }) => e.field)).toEqual(['subscriberId']);
    const db = await system.db();
    const [entry] = await db.query(`SELECT action, after FROM audit_log WHERE target_type = 'subscriber' AND target_id = $1`, [
      subscriberA,
    ]);
    expect(entry).toEqual({ action: 'subscriber.create', after: { name: 'Firm A', partyIds: [firmA], paused: false } });
  });

  it('after a change of party ids, the next versions go by the new ones; earlier notifications stay', async () => {
    const admin = await api.as('admin');
    await admin
      .patch(`/api/v1/subscribers/${subscriberB}`)
      .send({ partyIds: [firmA] })
      .expect(200);
    const operator = await api.as('operator');
    await operator.post(`/api/v1/shipments/${onlyA}/decisions`).send({ status: 'HELD', reason: 'seal broken' }).expect(201);
    await system.waitForStatus(onlyA, 3);
    const b = await pull(keyB);
    expect(b.filter((n) => n.shipmentId === onlyA).map((n) => n.version)).toEqual([3]);
    expect(b.map((n) => n.shipmentId)).toContain(onlyB);
  });

  it('notifications are purged after the retention period', async () => {
    const db = await system.db();
    const { retentionMs } = system.config.tradeDelivery;
    const now = new Date();
    const purgeAt = (at: Date) => new NotificationPurge(system.config, { now: () => at }, new TradeNotificationRepository(db));
    // Within the retention period nothing of this run goes.
    await purgeAt(new Date(now.getTime() + retentionMs - 60_000)).purgeExpired();
    expect((await pull(keyA)).length).toBeGreaterThan(0);
    await purgeAt(new Date(now.getTime() + retentionMs + 60_000)).purgeExpired();
    expect(await pull(keyA)).toEqual([]);
    expect(await pull(keyB)).toEqual([]);
  });
});
