import { randomBytes, randomUUID } from 'node:crypto';
import { type ClearanceStatusEvent } from '@app/contract';
import { aDeclaration, aGovernmentConsignee, anArrival, aShipmentEvent } from '@app/contract/testing';
import { type AdminApiClient } from '../support/admin-api-client';
import { TestSystem } from '../support/test-system';

const codes = (event: ClearanceStatusEvent) => event.data.reasons.map((r) => r.code);
const DAY_MS = 24 * 60 * 60 * 1000;

describe('admin API: watchlist', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const run = randomBytes(4).toString('hex');
  let n = 0;
  const newShipmentId = () => `SHP-IT-WL-${run}-${++n}`;
  /** A consignee name no other test uses, so an entry on it matches only this file's shipments. */
  const watchedName = `Watchlisted Trading ${run} Ltd`;
  const createdEntryIds: string[] = [];

  const declare = (shipmentId: string, consigneeName: string) =>
    system.produce([
      {
        key: shipmentId,
        value: aShipmentEvent(
          'customs.prearrival.submitted',
          aDeclaration({ shipmentId, parties: { consignee: aGovernmentConsignee({ name: consigneeName }) } }),
        ),
      },
    ]);

  async function addEntry(body: object) {
    const response = await (await api.as('operator')).post('/api/v1/watchlist').send(body);
    if (response.status === 201) createdEntryIds.push(response.body.id);
    return response;
  }

  beforeAll(async () => {
    system = await TestSystem.create('admin-watchlist');
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    // The run database is shared by every test file: leave no entry behind to hold their shipments.
    if (createdEntryIds.length > 0) await (await system.db()).query('DELETE FROM watchlist_entries WHERE id = ANY($1)', [createdEntryIds]);
    await system?.close();
  });

  it('given an open and a released shipment of a consignee, when the consignee is watchlisted, then only the open one becomes HELD, published and audited', async () => {
    const open = newShipmentId();
    const released = newShipmentId();
    await declare(open, watchedName);
    await declare(released, watchedName);
    expect((await system.waitForStatus(open, 1)).data.status).toBe('PRE_CLEARED');
    expect((await system.waitForStatus(released, 1)).data.status).toBe('PRE_CLEARED');
    await system.produce([{ key: released, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId: released })) }]);
    expect((await system.waitForStatus(released, 2)).data.status).toBe('RELEASED');

    const response = await addEntry({ kind: 'PARTY', value: watchedName, reason: 'RILO alert: falsified vaccines offered by this trader' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'PARTY',
      value: watchedName,
      reason: 'RILO alert: falsified vaccines offered by this trader',
      author: expect.stringMatching(/^apikey:/),
      expiresAt: null,
      active: true,
      rescreened: { held: [open], heldCount: 1, complete: true },
    });
    const keyId = response.body.author.replace(/^apikey:/, '');
    const held = await system.waitForStatus(open, 2);
    expect(held.data).toMatchObject({
      status: 'HELD',
      priority: 'CRITICAL',
      coldChain: true,
      rulesetVersion: 1,
      decidedBy: `OPERATOR:${keyId}`,
    });
    // The trade reads only that customs selected it; the match and the entry stay inside.
    expect(codes(held)).toEqual(['CUSTOMS_CONTROL']);
    expect(JSON.stringify(held)).not.toContain(response.body.id);
    expect(JSON.stringify(held)).not.toContain('RILO');
    const detail = await (await api.as('viewer')).get(`/api/v1/shipments/${open}`).expect(200);
    const decision = detail.body.history.decisions.items.find((d: { version: number }) => d.version === 2);
    expect(decision.reasons).toEqual([
      expect.objectContaining({ code: 'WATCHLIST_MATCH', message: expect.stringContaining(response.body.id) }),
    ]);

    const db = await system.db();
    const [releasedRow] = await db.query('SELECT status, version FROM shipments WHERE shipment_id = $1', [released]);
    expect(releasedRow).toEqual({ status: 'RELEASED', version: 2 });
    const audit = await (await api.as('admin')).get('/api/v1/audit-log?limit=20').expect(200);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'watchlist.add',
          targetType: 'watchlist-entry',
          targetId: response.body.id,
          actor: `apikey:${keyId}`,
        }),
        expect.objectContaining({
          action: 'shipment.hold-by-watchlist',
          targetType: 'shipment',
          targetId: open,
          before: { status: 'PRE_CLEARED', version: 1 },
          after: { status: 'HELD', version: 2, watchlistEntryId: response.body.id },
          reason: 'RILO alert: falsified vaccines offered by this trader',
        }),
      ]),
    );
    expect(audit.body.items.filter((e: { targetId: string }) => e.targetId === released)).toEqual([]);
  });

  it('given an active entry, when a later declaration names the party (spelt differently), then the engine holds it', async () => {
    const later = newShipmentId();

    await declare(later, `${watchedName.toUpperCase()}.`);

    const status = await system.waitForStatus(later, 1);
    expect(status.data).toMatchObject({ status: 'HELD', decidedBy: 'ENGINE' });
    expect(codes(status)).toContain('CUSTOMS_CONTROL');
    expect(codes(status)).not.toContain('WATCHLIST_MATCH');
  });

  it('given a HELD shipment, when another entry matches it, then it is not held again', async () => {
    const response = await addEntry({ kind: 'PARTY', value: ` ${watchedName} `, reason: 'Second source for the same trader' });

    expect(response.status).toBe(201);
    expect(response.body.rescreened).toEqual({ held: [], heldCount: 0, complete: true });
  });

  it('given an expired and a future entry, when listed by a viewer, then active tells them apart', async () => {
    const expiredId = randomUUID();
    createdEntryIds.push(expiredId);
    const now = Date.now();
    await (
      await system.db()
    ).query(
      `INSERT INTO watchlist_entries (id, kind, value, reason, author, expires_at, created_at) VALUES ($1, 'MANUFACTURER', $2, 'old alert', 'apikey:test', $3, $4)`,
      [expiredId, `Expired Maker ${run}`, new Date(now - DAY_MS), new Date(now - 2 * DAY_MS)],
    );
    const expiresAt = new Date(now + 7 * DAY_MS).toISOString();
    const future = await addEntry({
      kind: 'ORIGIN_COUNTRY',
      value: 'AQ',
      reason: 'Test entry: no shipment comes from Antarctica',
      expiresAt,
    });
    expect(future.status).toBe(201);
    expect(future.body).toMatchObject({ kind: 'ORIGIN_COUNTRY', value: 'AQ', expiresAt, active: true });

    const listed = await (await api.as('viewer')).get('/api/v1/watchlist?limit=500').expect(200);

    const byId = new Map(listed.body.items.map((e: { id: string }) => [e.id, e]));
    expect(byId.get(expiredId)).toMatchObject({ kind: 'MANUFACTURER', active: false, author: 'apikey:test', rescreen: null });
    expect(byId.get(future.body.id)).toMatchObject({ active: true, rescreen: { heldCount: 0, finishedAt: expect.any(String) } });
    expect(Object.keys(byId.get(future.body.id) as object).sort()).toEqual(
      ['id', 'kind', 'value', 'reason', 'author', 'expiresAt', 'createdAt', 'active', 'rescreen'].sort(),
    );
  });

  it('given an entry, when an operator deletes it, then 204 and audited; deleting it again is 404', async () => {
    const created = await addEntry({ kind: 'MANUFACTURER', value: `Removable Maker ${run}`, reason: 'Mistaken alert' });
    expect(created.status).toBe(201);
    const operator = await api.as('operator');

    await operator.delete(`/api/v1/watchlist/${created.body.id}`).expect(204);

    await operator.delete(`/api/v1/watchlist/${created.body.id}`).expect(404);
    await operator.delete(`/api/v1/watchlist/${randomUUID()}`).expect(404);
    const listed = await (await api.as('viewer')).get('/api/v1/watchlist?limit=500').expect(200);
    expect(listed.body.items.map((e: { id: string }) => e.id)).not.toContain(created.body.id);
    const audit = await (await api.as('admin')).get('/api/v1/audit-log?limit=5').expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'watchlist.remove',
      targetId: created.body.id,
      before: { kind: 'MANUFACTURER', value: `Removable Maker ${run}`, reason: 'Mistaken alert', expiresAt: null },
    });
  });

  it('given bad input, when an entry is added, then 400 naming the field and nothing is stored', async () => {
    const valid = { kind: 'PARTY', value: `Bad Input ${run}`, reason: 'x' };
    const cases: [object, string][] = [
      [{ ...valid, kind: 'VESSEL' }, 'kind'],
      [{ ...valid, kind: ['PARTY'] }, 'kind'],
      [{ ...valid, value: '' }, 'value'],
      [{ ...valid, value: '   ' }, 'value'],
      [{ ...valid, value: 'x'.repeat(201) }, 'value'],
      [{ ...valid, value: 42 }, 'value'],
      [{ ...valid, value: 'Evil\u0000Corp' }, 'value'],
      [{ ...valid, kind: 'ORIGIN_COUNTRY', value: 'XX' }, 'value'],
      [{ ...valid, kind: 'ORIGIN_COUNTRY', value: 'be' }, 'value'],
      [{ ...valid, kind: 'ORIGIN_COUNTRY', value: 'BEL' }, 'value'],
      [{ kind: 'PARTY', value: 'x' }, 'reason'],
      [{ ...valid, reason: 'r'.repeat(501) }, 'reason'],
      [{ ...valid, reason: ' ' }, 'reason'],
      [{ ...valid, expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ ...valid, expiresAt: '2027-02-30T00:00:00Z' }, 'expiresAt'],
      [{ ...valid, expiresAt: 1893456000000 }, 'expiresAt'],
      [{ ...valid, expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ ...valid, author: 'someone else' }, 'author'],
    ];
    for (const [body, field] of cases) {
      const response = await addEntry(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const operator = await api.as('operator');
    await operator.post('/api/v1/watchlist').set('Content-Type', 'application/json').send('{"kind": ').expect(400);
    await operator.delete('/api/v1/watchlist/not-a-uuid').expect(400);
    await operator.delete("/api/v1/watchlist/1'%20OR%20'1'='1").expect(400);
    const [{ n: stored }] = await (
      await system.db()
    ).query('SELECT count(*)::int AS n FROM watchlist_entries WHERE value = $1', [valid.value]);
    expect(stored).toBe(0);
  });

  it('given an injection string as a value, when added, then it is stored as text and matches nothing', async () => {
    const response = await addEntry({ kind: 'PARTY', value: `'; DROP TABLE shipments; -- ${run}`, reason: '<script>alert(1)</script>' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      value: `'; DROP TABLE shipments; -- ${run}`,
      reason: '<script>alert(1)</script>',
      rescreened: { held: [] },
    });
    await (await api.as('operator')).delete(`/api/v1/watchlist/${response.body.id}`).expect(204);
  });

  it('given no key or a viewer key, when the watchlist is changed, then 401 or 403', async () => {
    const body = { kind: 'PARTY', value: `Forbidden ${run}`, reason: 'x' };
    await api.anonymous().get('/api/v1/watchlist').expect(401);
    await api.anonymous().post('/api/v1/watchlist').send(body).expect(401);
    await api.anonymous().delete(`/api/v1/watchlist/${randomUUID()}`).expect(401);
    const viewer = await api.as('viewer');
    await viewer.post('/api/v1/watchlist').send(body).expect(403);
    await viewer.delete(`/api/v1/watchlist/${createdEntryIds[0]}`).expect(403);
    const admin = await api.as('admin');
    const asAdmin = await admin.post('/api/v1/watchlist').send(body).expect(201);
    createdEntryIds.push(asAdmin.body.id);
  });
});
