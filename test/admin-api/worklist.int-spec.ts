import { randomBytes } from 'node:crypto';
import { aCompanyConsignee, aDeclaration, anItem, aShipmentEvent, aStandardItem, aSyringeItem } from '@app/contract/testing';
import { type AdminApiClient } from '../support/admin-api-client';
import { TestClock } from '../support/test-clock';
import { TestSystem } from '../support/test-system';

const MINUTE_MS = 60_000;
const T0 = new Date('2032-05-01T06:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE_MS);

interface Item {
  shipmentId: string;
  status: string;
  priority: string;
  coldChain: boolean;
  dwellMinutes: number;
  waitingSince: string;
  claim: { claimedBy: string; mine: boolean; expiresAt: string } | null;
  serviceLevel: { state: string };
}

describe('admin API: the worklist and claims', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const clock = new TestClock(T0);
  const run = randomBytes(3).toString('hex');
  // An entry location of this file alone: the filter isolates its shipments from other files'.
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const entryLocation = `Z${[...randomBytes(4)].map((b) => letters[b % 26]).join('')}`;
  const id = (name: string) => `SHP-IT-WL-${run}-${name}`;
  const route = { originCountry: 'BE', entryLocation, estimatedArrival: '2026-12-01T08:00:00Z' };
  // Submitted in this order, a minute apart; each waits for an officer (DOCUMENT_CHECK).
  const seeded: [string, Parameters<typeof aDeclaration>[0]][] = [
    // STANDARD laptops claiming preferential origin without a certificate.
    [id('standard'), { items: [aStandardItem({ preferentialOriginClaimed: true })], parties: { consignee: aCompanyConsignee() } }],
    // ESSENTIAL syringes, the same.
    [id('essential'), { items: [aSyringeItem({ preferentialOriginClaimed: true })] }],
    // A CRITICAL vaccine kept at room temperature, without its authorisation.
    [id('critical-ambient'), { items: [anItem({ hsCode: '300215', storageTemperature: { minC: 15, maxC: 25 } })], documents: [] }],
    // Two CRITICAL cold-chain vaccines without their authorisation: the older waits longer.
    [id('critical-cold-older'), { documents: [] }],
    [id('critical-cold-newer'), { documents: [] }],
  ];
  const expectedOrder = [id('critical-cold-older'), id('critical-cold-newer'), id('critical-ambient'), id('essential'), id('standard')];

  let operator: Awaited<ReturnType<AdminApiClient['as']>>;
  let otherOfficer: Awaited<ReturnType<AdminApiClient['as']>>;
  const worklist = async (query = '') =>
    (await operator.get(`/api/v1/worklist?entryLocation=${entryLocation}${query}`).expect(200)).body as {
      items: Item[];
      nextCursor: string | null;
    };

  beforeAll(async () => {
    system = await TestSystem.create('admin-worklist', { clock, env: { WORKLIST_CLAIM_MINUTES: '10' } });
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
    operator = await api.as('operator');
    otherOfficer = await api.as('admin');
    for (const [minute, [shipmentId, overrides]] of seeded.entries()) {
      clock.set(at(minute));
      await system.produce([
        { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId, route, ...overrides })) },
      ]);
      expect((await system.waitForStatus(shipmentId, 1)).data.status).toBe('DOCUMENT_CHECK');
    }
    clock.set(at(30));
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given open shipments, when listed, then CRITICAL first, then cold chain, then longest waiting, with dwell minutes', async () => {
    const { items, nextCursor } = await worklist();
    expect(items.map((i) => i.shipmentId)).toEqual(expectedOrder);
    expect(nextCursor).toBeNull();
    expect(items.map((i) => i.dwellMinutes)).toEqual([27, 26, 28, 29, 30]);
    expect(items[0]).toMatchObject({
      status: 'DOCUMENT_CHECK',
      priority: 'CRITICAL',
      coldChain: true,
      waitingSince: at(3).toISOString(),
      claim: null,
      serviceLevel: { state: 'NOT_ARRIVED', thresholdMinutes: 60, dueAt: null, alertRaisedAt: null },
    });
    expect(items[2].serviceLevel.state).toBe('NO_TARGET');
  });

  it('given pages of two, when paged, then the same order comes, each item once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await worklist(`&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.shipmentId));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual(expectedOrder);
  });

  it('given filters, when listed, then only matching items come', async () => {
    const ids = async (query: string) => (await worklist(query)).items.map((i) => i.shipmentId);
    expect(await ids('&priority=CRITICAL')).toEqual(expectedOrder.slice(0, 3));
    expect(await ids('&priority=STANDARD&status=DOCUMENT_CHECK')).toEqual([id('standard')]);
    expect(await ids('&status=HELD')).toEqual([]);
    const fields = async (query: string) =>
      ((await operator.get(`/api/v1/worklist?${query}`).expect(400)).body.errors as { field: string }[]).map((e) => e.field);
    expect(await fields('status=RELEASED')).toEqual(['status']);
    expect(await fields('entryLocation=somewhere')).toEqual(['entryLocation']);
    expect(await fields('claimed=maybe')).toEqual(['claimed']);
    expect(await fields('cursor=not-ours')).toEqual(['cursor']);
  });

  it('given a claim, then another officer gets 409 on claim, release, decision and examination until it expires', async () => {
    const shipmentId = id('critical-cold-older');
    const claimed = await operator.post(`/api/v1/worklist/${shipmentId}/claim`).expect(200);
    expect(claimed.body).toEqual({
      shipmentId,
      claim: { claimedBy: expect.stringMatching(/^apikey:/), claimedAt: at(30).toISOString(), expiresAt: at(40).toISOString(), mine: true },
    });
    // Claiming again renews one's own claim.
    await operator.post(`/api/v1/worklist/${shipmentId}/claim`).expect(200);

    const refused = await otherOfficer.post(`/api/v1/worklist/${shipmentId}/claim`).expect(409);
    expect(refused.body.message).toContain(claimed.body.claim.claimedBy);
    await otherOfficer.post(`/api/v1/worklist/${shipmentId}/release-claim`).expect(409);
    await otherOfficer.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'HELD', reason: 'mine now' }).expect(409);
    await otherOfficer
      .post(`/api/v1/shipments/${shipmentId}/examinations`)
      .send({ outcome: 'NO_FINDING', findings: 'x', temperatureControlledFacility: true })
      .expect(409);

    expect((await worklist('&claimed=true')).items.map((i) => [i.shipmentId, i.claim?.mine])).toEqual([[shipmentId, true]]);
    expect((await worklist('&claimed=false')).items.map((i) => i.shipmentId)).toEqual(expectedOrder.slice(1));
    const seenByOther = (await otherOfficer.get(`/api/v1/worklist?entryLocation=${entryLocation}&claimed=true`).expect(200)).body.items;
    expect(seenByOther[0].claim.mine).toBe(false);

    // Past its expiry the claim counts as none: the other officer takes the item.
    clock.set(at(41));
    expect((await worklist('&claimed=true')).items).toEqual([]);
    await otherOfficer.post(`/api/v1/worklist/${shipmentId}/claim`).expect(200);
    await operator.post(`/api/v1/worklist/${shipmentId}/claim`).expect(409);
    await otherOfficer.post(`/api/v1/worklist/${shipmentId}/release-claim`).expect(200, { shipmentId, claim: null });
    // Released: anyone may claim it; releasing an unclaimed item changes nothing.
    await operator.post(`/api/v1/worklist/${shipmentId}/release-claim`).expect(200);
    await operator.post(`/api/v1/worklist/${shipmentId}/claim`).expect(200);
  });

  it('given a decision that takes the shipment off the worklist, then its claim goes and it no longer shows', async () => {
    const shipmentId = id('critical-cold-newer');
    await operator.post(`/api/v1/worklist/${shipmentId}/claim`).expect(200);
    await operator
      .post(`/api/v1/shipments/${shipmentId}/decisions`)
      .send({ status: 'RELEASED', reason: 'Authorisation shown' })
      .expect(201);
    expect((await worklist()).items.map((i) => i.shipmentId)).not.toContain(shipmentId);
    await operator.post(`/api/v1/worklist/${shipmentId}/claim`).expect(409);
    const db = await system.db();
    expect(await db.query('SELECT * FROM worklist_claims WHERE shipment_id = $1', [shipmentId])).toEqual([]);
  });

  it('given roles and unknown shipments, then a viewer may list but not claim, and unknown ids are 404', async () => {
    const viewer = await api.as('viewer');
    await viewer.get(`/api/v1/worklist?entryLocation=${entryLocation}`).expect(200);
    await viewer.post(`/api/v1/worklist/${id('essential')}/claim`).expect(403);
    await operator.post(`/api/v1/worklist/SHP-NONE-${run}/claim`).expect(404);
    await api.anonymous().get('/api/v1/worklist').expect(401);
  });
});
