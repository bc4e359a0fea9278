import { randomBytes } from 'node:crypto';
import { aDeclaration, aGovernmentConsignee, anArrival, anItem, aShipmentEvent, aStandardItem } from '@app/contract/testing';
import { hashApiKey } from '../../apps/admin-api/src/auth/api-key-secret';
import { encodeCursor } from '../../apps/admin-api/src/common/cursor';
import { type AdminApiClient } from '../support/admin-api-client';
import { unsampledShipmentId } from '../support/test-data';
import { TestSystem } from '../support/test-system';

interface ListItem {
  shipmentId: string;
  status: string;
  priority: string;
  createdAt: string;
  consigneeName: string | null;
}

describe('admin API: shipments (list, detail, operator decisions)', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const run = randomBytes(3).toString('hex');
  // Every shipment of this file has this consignee: the party filter isolates them from other files' shipments.
  const consignee = aGovernmentConsignee({ id: `ID-IT-${run}`, name: `Klinik Sehat ${run}` });
  const declarantId = `PPJK-IT-${run}`;
  const id = (name: string) => `SHP-ADM-${run}-${name}`;
  const preCleared = id('pre-cleared');
  const documentCheck = id('document-check');
  const contested = id('contested');
  // STANDARD goods to a consignee that is not an AEO: an id the random sampling passes over keeps it PRE_CLEARED.
  const standard = unsampledShipmentId(id('standard'));
  const declared = id('declarant');
  const mine = [preCleared, documentCheck, contested, standard, declared];
  const preClearedEvent = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: preCleared, parties: { consignee } }));
  /** What the engine decides for the vaccine declaration that breaks no rule. */
  const preClearedState = { status: 'PRE_CLEARED', priority: 'CRITICAL', coldChain: true, version: 1, rulesetVersion: 1, amendment: 0 };
  let seededFrom: string;
  let seededTo: string;

  let viewer: Awaited<ReturnType<AdminApiClient['as']>>;
  const list = (query: string) => viewer.get(`/api/v1/shipments?${query}`);
  /** The fields a 400 names, once each. */
  const fieldsIn = (body: { errors: { field: string }[] }) => [...new Set(body.errors.map((e) => e.field))].sort();
  const partyQuery = `party=${encodeURIComponent(consignee.name)}`;

  beforeAll(async () => {
    system = await TestSystem.create('admin-shipments');
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
    viewer = await api.as('viewer');

    seededFrom = new Date(Date.now() - 1000).toISOString();
    const submitted = (shipmentId: string, overrides: Parameters<typeof aDeclaration>[0] = {}) => ({
      key: shipmentId,
      value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId, parties: { consignee }, ...overrides })),
    });
    await system.produce([
      { key: preCleared, value: preClearedEvent },
      // A vaccine without its regulatory authorisation goes to DOCUMENT_CHECK.
      submitted(documentCheck, { documents: [] }),
      submitted(contested, { documents: [] }),
      submitted(standard, { items: [aStandardItem()], documents: [] }),
      submitted(declared, { parties: { consignee, declarant: { id: declarantId, name: 'PT Logistik Uji', country: 'ID' } } }),
    ]);
    for (const shipmentId of mine) await system.waitForStatus(shipmentId, 1);
    seededTo = new Date(Date.now() + 1000).toISOString();
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('GET /api/v1/shipments', () => {
    it('given five shipments of a party, when paged two at a time, then every one comes once, newest first, and the last page has no cursor', async () => {
      const seen: ListItem[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: ListItem[]; nextCursor: string | null } } = await list(
          `${partyQuery}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        ).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 10);

      expect(pages).toBe(3);
      expect(seen.map((s) => s.shipmentId).sort()).toEqual([...mine].sort());
      const order = seen.map((s) => [s.createdAt, s.shipmentId].join(' '));
      expect(order).toEqual([...order].sort().reverse());
      expect(seen.find((s) => s.shipmentId === preCleared)).toMatchObject({
        ...preClearedState,
        consigneeName: consignee.name,
        entryLocation: 'IDCGK',
        estimatedArrival: '2026-04-07T08:00:00Z',
        arrivedAt: null,
        releasedAt: null,
        submittedAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('given filters, when listed, then only matching shipments come: status, priority, any party by id or name in any case, created range', async () => {
      const ids = async (query: string) => ((await list(query).expect(200)).body.items as ListItem[]).map((s) => s.shipmentId).sort();

      expect(await ids(`${partyQuery}&status=DOCUMENT_CHECK`)).toEqual([documentCheck, contested].sort());
      expect(await ids(`${partyQuery}&priority=STANDARD`)).toEqual([standard]);
      expect(await ids(`${partyQuery}&status=PRE_CLEARED&priority=CRITICAL`)).toEqual([declared, preCleared].sort());
      // The declarant's id, in another case and only a part of it.
      expect(await ids(`party=${declarantId.toLowerCase().slice(2)}`)).toEqual([declared]);
      expect(await ids(`party=${encodeURIComponent(consignee.name.toUpperCase())}`)).toEqual([...mine].sort());
      expect(await ids(`party=${consignee.id}`)).toEqual([...mine].sort());
      expect(await ids(`${partyQuery}&from=${seededFrom}&to=${seededTo}`)).toEqual([...mine].sort());
      expect(await ids(`${partyQuery}&to=${seededFrom}`)).toEqual([]);
      expect(await ids(`${partyQuery}&from=${seededTo}`)).toEqual([]);
      // An empty range (from = to) is not an error.
      expect(await ids(`${partyQuery}&from=${seededTo}&to=${seededTo}`)).toEqual([]);
    });

    it('given bad filters, when listed, then 400 naming the field', async () => {
      const fieldsOf = async (query: string) => fieldsIn((await list(query).expect(400)).body);
      expect(await fieldsOf('status=PENDING')).toEqual(['status']);
      expect(await fieldsOf('priority=URGENT')).toEqual(['priority']);
      expect(await fieldsOf('from=yesterday')).toEqual(['from']);
      expect(await fieldsOf('to=2026-13-01T00:00:00Z')).toEqual(['to']);
      expect(await fieldsOf('from=2026-04-07T08:00:00')).toEqual(['from']);
      expect(await fieldsOf('from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z')).toEqual(['from']);
      expect(await fieldsOf('limit=0')).toEqual(['limit']);
      expect(await fieldsOf('limit=501')).toEqual(['limit']);
      expect(await fieldsOf('limit=100000000000')).toEqual(['limit']);
      expect(await fieldsOf('limit=ten')).toEqual(['limit']);
      expect(await fieldsOf('party=')).toEqual(['party']);
      expect(await fieldsOf('party=%20%20')).toEqual(['party']);
      expect(await fieldsOf(`party=${'x'.repeat(201)}`)).toEqual(['party']);
      expect(await fieldsOf('status=HELD&status=RELEASED')).toEqual(['status']);
      expect(await fieldsOf('sort=shipment_id')).toEqual(['sort']);
    });

    it('given hostile party values and cursors, when listed, then 200 with nothing of ours or 400, never 500', async () => {
      for (const party of [
        "' OR 1=1--",
        "'); DROP TABLE shipments;--",
        "%' OR '1'='1",
        '%',
        '_',
        '\\',
        '%%%',
        '{"$ne":null}',
        'Klinik%Sehat',
        'Klinik_Sehat',
      ]) {
        const res = await list(`party=${encodeURIComponent(party)}`).expect(200);
        // Wildcards are data: nothing of ours has them in a party's id or name.
        expect(res.body.items.filter((s: ListItem) => mine.includes(s.shipmentId))).toEqual([]);
      }
      await list('party=%00').expect(400);
      await list('party=a%0Ab').expect(400);
      await list('party[$ne]=x').expect(400);

      await list(`cursor=${encodeURIComponent("' OR 1=1--")}`).expect(400);
      await list('cursor=not-base64-json').expect(400);
      await list(`cursor=${encodeCursor({ after: "x' OR '1'='1" })}`).expect(400);
      await list(`cursor=${encodeCursor({ before: '1' })}`).expect(400);
      await list(`cursor=${encodeCursor(['x'])}`).expect(400);
      // Well formed but naming no shipment: an empty page, not an error.
      const unknown = await list(`cursor=${encodeCursor({ after: `SHP-NONE-${run}` })}`).expect(200);
      expect(unknown.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('GET /api/v1/shipments/:id', () => {
    it('given a decided shipment, when read, then its state, declaration and history: the event and the decision with its fired rules', async () => {
      const res = await viewer.get(`/api/v1/shipments/${preCleared}`).expect(200);

      expect(res.body).toMatchObject({
        shipmentId: preCleared,
        ...preClearedState,
        declaration: { shipmentId: preCleared, parties: { consignee: { name: consignee.name } } },
      });
      expect(res.body.history.events.nextCursor).toBeNull();
      expect(res.body.history.events.items).toEqual([
        {
          eventId: preClearedEvent.id,
          type: 'customs.prearrival.submitted',
          source: preClearedEvent.source,
          time: new Date(preClearedEvent.time!).toISOString(),
          receivedAt: expect.any(String),
          outcome: 'APPLIED',
        },
      ]);
      expect(res.body.history.decisions).toMatchObject({ items: [expect.any(Object)], nextCursor: null });
      expect(res.body.history.decisions.items[0]).toMatchObject({
        version: 1,
        status: 'PRE_CLEARED',
        decidedBy: 'ENGINE',
        causationId: preClearedEvent.id,
        rulesetVersion: 1,
      });
      expect(res.body.history.decisions.items[0].reasons.map((r: { code: string }) => r.code)).toEqual(
        expect.arrayContaining(['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN']),
      );
      expect(res.body.history.operatorActions).toEqual({ items: [], nextCursor: null });
      expect(res.body.history.deadLetters).toEqual({ items: [], nextCursor: null });
    });

    it('given a bad record for a shipment, when read, then its dead letter is in the history next to the REJECTED decision', async () => {
      const shipmentId = id('dead-letter');
      const bad = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId, parties: { consignee } }));
      (bad.data as { items: unknown[] }).items = [anItem({ hsCode: '12AB' })];
      await system.produce([{ key: shipmentId, value: bad }]);
      await system.waitForStatus(shipmentId, 1);

      const res = await viewer.get(`/api/v1/shipments/${shipmentId}`).expect(200);
      expect(res.body).toMatchObject({ status: 'REJECTED', declaration: null });
      expect(res.body.history.decisions.items.map((d: { status: string }) => d.status)).toEqual(['REJECTED']);
      expect(res.body.history.deadLetters.items).toEqual([
        expect.objectContaining({
          eventId: bad.id,
          errorKind: 'INVALID_DATA',
          sourceTopic: system.config.topics.shipmentEvents,
          replayCount: 0,
        }),
      ]);
      expect(JSON.stringify(res.body.history.deadLetters.items[0].errors)).toContain('hsCode');
    });

    it('given an unknown or malformed id, then 404 or 400', async () => {
      const missing = await viewer.get(`/api/v1/shipments/SHP-NONE-${run}`).expect(404);
      expect(missing.body.message).toContain(`SHP-NONE-${run}`);
      for (const bad of ['SHP%201', encodeURIComponent("' OR 1=1--"), 'x'.repeat(65), '%C5%A0HP', '%00']) {
        expect(fieldsIn((await viewer.get(`/api/v1/shipments/${bad}`).expect(400)).body)).toEqual(['id']);
      }
    });
  });

  describe('POST /api/v1/shipments/:id/decisions', () => {
    const reason = 'Import authorisation BPOM-EUA-2026-0042 presented at the counter and verified';

    it('given a DOCUMENT_CHECK shipment, when an operator releases it, then version 2 is published with decidedBy OPERATOR:<key id>, and audited', async () => {
      const operatorKey = await api.keyFor('operator');
      const db = await system.db();
      const [{ id: keyId }] = await db.query('SELECT id FROM api_keys WHERE key_hash = $1', [hashApiKey(operatorKey)]);

      const publicReason = 'Documents verified';
      const res = await (
        await api.as('operator')
      )
        .post(`/api/v1/shipments/${documentCheck}/decisions`)
        .send({ status: 'RELEASED', reason, publicReason })
        .expect(201);

      const expected = {
        shipmentId: documentCheck,
        version: 2,
        status: 'RELEASED',
        priority: 'CRITICAL',
        coldChain: true,
        // The trade reads the public reason; the written reason stays with customs.
        reasons: [{ code: 'OPERATOR_DECISION', ruleId: 'operator', message: publicReason }],
        rulesetVersion: 1,
        decidedBy: `OPERATOR:${keyId}`,
        causationId: null,
      };
      expect(res.body).toEqual({ ...expected, decidedAt: expect.any(String) });
      const published = await system.waitForStatus(documentCheck, 2);
      expect(published.data).toEqual(res.body);

      const detail = await viewer.get(`/api/v1/shipments/${documentCheck}`).expect(200);
      expect(detail.body).toMatchObject({ status: 'RELEASED', version: 2, releasedAt: res.body.decidedAt, amendment: 0 });
      expect(detail.body.declaration.shipmentId).toBe(documentCheck);
      expect(detail.body.history.decisions.items.map((d: { version: number; decidedBy: string }) => [d.version, d.decidedBy])).toEqual([
        [1, 'ENGINE'],
        [2, `OPERATOR:${keyId}`],
      ]);
      expect(detail.body.history.decisions.items[1].reasons).toEqual([{ code: 'OPERATOR_DECISION', ruleId: 'operator', message: reason }]);
      const action = {
        action: 'shipment.decide',
        targetType: 'shipment',
        targetId: documentCheck,
        actor: `apikey:${keyId}`,
        actorRole: 'operator',
        before: { status: 'DOCUMENT_CHECK', version: 1 },
        after: { status: 'RELEASED', version: 2, publicReason },
        reason,
      };
      expect(detail.body.history.operatorActions.items).toEqual([expect.objectContaining(action)]);

      const auditLog = await (await api.as('admin')).get('/api/v1/audit-log?limit=50').expect(200);
      expect(auditLog.body.items).toEqual(expect.arrayContaining([expect.objectContaining(action)]));
    });

    it('given a move the contract does not allow, then 409 naming the allowed moves, and nothing changes', async () => {
      const operator = await api.as('operator');
      const fromPreCleared = await operator
        .post(`/api/v1/shipments/${preCleared}/decisions`)
        .send({ status: 'RELEASED', reason })
        .expect(409);
      expect(fromPreCleared.body.message).toContain('DOCUMENT_CHECK, INSPECTION_REQUIRED, HELD');
      const fromReleased = await operator.post(`/api/v1/shipments/${documentCheck}/decisions`).send({ status: 'HELD', reason }).expect(409);
      expect(fromReleased.body.message).toMatch(/RELEASED allows no operator move/);
      await operator.post(`/api/v1/shipments/${documentCheck}/decisions`).send({ status: 'RELEASED', reason }).expect(409);

      const db = await system.db();
      const counts = await db.query(
        'SELECT shipment_id, count(*)::int AS n FROM decisions WHERE shipment_id = ANY($1) GROUP BY shipment_id ORDER BY shipment_id',
        [[preCleared, documentCheck]],
      );
      expect(counts).toEqual([
        { shipment_id: documentCheck, n: 2 },
        { shipment_id: preCleared, n: 1 },
      ]);
    });

    it('given two operators releasing the same shipment at once, then one wins and the other gets 409', async () => {
      const operator = await api.as('operator');
      const results = await Promise.all(
        [1, 2].map(() => operator.post(`/api/v1/shipments/${contested}/decisions`).send({ status: 'RELEASED', reason })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      await system.waitForStatus(contested, 2);
      const detail = await viewer.get(`/api/v1/shipments/${contested}`).expect(200);
      expect(detail.body.version).toBe(2);
      expect(detail.body.history.operatorActions.items).toHaveLength(1);
    });

    it('given a shipment known only by its arrival (no declaration), when an operator moves it, then the decision keeps the arrival', async () => {
      const shipmentId = id('arrival-only');
      await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })) }]);
      const first = await system.waitForStatus(shipmentId, 1);
      expect(first.data.status).toBe('DOCUMENT_CHECK');

      const res = await (
        await api.as('operator')
      )
        .post(`/api/v1/shipments/${shipmentId}/decisions`)
        .send({ status: 'INSPECTION_REQUIRED', reason })
        .expect(201);
      expect(res.body).toMatchObject({
        version: 2,
        status: 'INSPECTION_REQUIRED',
        priority: first.data.priority,
        rulesetVersion: first.data.rulesetVersion,
      });
      const detail = await viewer.get(`/api/v1/shipments/${shipmentId}`).expect(200);
      expect(detail.body).toMatchObject({
        declaration: null,
        arrivedAt: new Date(anArrival().arrivedAt).toISOString(),
        status: 'INSPECTION_REQUIRED',
      });
    });

    it('given an unknown shipment or bad input, then 404 or 400 naming the fields', async () => {
      const operator = await api.as('operator');
      await operator.post(`/api/v1/shipments/SHP-NONE-${run}/decisions`).send({ status: 'RELEASED', reason }).expect(404);
      const fieldsOf = async (shipmentId: string, body: unknown) => {
        const res = await operator
          .post(`/api/v1/shipments/${shipmentId}/decisions`)
          .send(body as object)
          .expect(400);
        return fieldsIn(res.body);
      };
      expect(await fieldsOf(preCleared, { status: 'RELEASED' })).toEqual(['reason']);
      expect(await fieldsOf(preCleared, { status: 'RELEASED', reason: '   ' })).toEqual(['reason']);
      expect(await fieldsOf(preCleared, { status: 'RELEASED', reason: 'x'.repeat(1001) })).toEqual(['reason']);
      expect(await fieldsOf(preCleared, { status: 'RELEASED', reason: 42 })).toEqual(['reason']);
      expect(await fieldsOf(preCleared, { status: 'APPROVED', reason })).toEqual(['status']);
      expect(await fieldsOf(preCleared, { status: ['RELEASED'], reason })).toEqual(['status']);
      expect(await fieldsOf(preCleared, { status: 'HELD', reason, decidedBy: 'ENGINE' })).toEqual(['decidedBy']);
      expect(await fieldsOf(encodeURIComponent("x'; DROP TABLE shipments;--"), { status: 'HELD', reason })).toEqual(['id']);
      await operator
        .post(`/api/v1/shipments/${preCleared}/decisions`)
        .set('Content-Type', 'application/json')
        .send('{"status": ')
        .expect(400);
      // None of it changed the shipment.
      const detail = await viewer.get(`/api/v1/shipments/${preCleared}`).expect(200);
      expect(detail.body).toMatchObject({ status: 'PRE_CLEARED', version: 1 });
    });

    it('given a viewer key, then 403; without a key, every shipment route is 401', async () => {
      await viewer.post(`/api/v1/shipments/${preCleared}/decisions`).send({ status: 'HELD', reason }).expect(403);
      await api.anonymous().post(`/api/v1/shipments/${preCleared}/decisions`).send({ status: 'HELD', reason }).expect(401);
      await api.anonymous().get('/api/v1/shipments').expect(401);
      await api.anonymous().get(`/api/v1/shipments/${preCleared}`).expect(401);
      const detail = await viewer.get(`/api/v1/shipments/${preCleared}`).expect(200);
      expect(detail.body.version).toBe(1);
    });
  });

  describe('history: bounded and paged', () => {
    /** Every item of a history route, a page of `limit` at a time, and how many pages it took. */
    async function pageThrough<T>(path: string, limit: number): Promise<{ items: T[]; pages: number }> {
      const items: T[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: T[]; nextCursor: string | null } } = await viewer
          .get(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        items.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 100);
      return { items, pages };
    }

    it('given a shipment with 55 events and decisions, when read, then the detail shows the first 50 of each and the history routes page through all, oldest first', async () => {
      const shipmentId = id('long-history');
      const other = aGovernmentConsignee({ id: `ID-IT-LONG-${run}`, name: `Rumah Sakit ${run}` });
      // Amendments alternate between no authorisation (DOCUMENT_CHECK) and one (PRE_CLEARED): each is a new status.
      const events = Array.from({ length: 55 }, (_, amendment) =>
        aShipmentEvent(
          amendment === 0 ? 'customs.prearrival.submitted' : 'customs.prearrival.amended',
          aDeclaration({ shipmentId, amendment, parties: { consignee: other }, ...(amendment % 2 === 1 ? { documents: [] } : {}) }),
        ),
      );
      await system.produce(events.map((value) => ({ key: shipmentId, value })));
      await system.waitForStatus(shipmentId, 55);
      const operator = await api.as('operator');
      await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'DOCUMENT_CHECK', reason: 'first look' }).expect(201);
      await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'PRE_CLEARED', reason: 'second look' }).expect(201);

      const detail = await viewer.get(`/api/v1/shipments/${shipmentId}`).expect(200);

      expect(detail.body.version).toBe(57);
      expect(detail.body.history.events.items).toHaveLength(50);
      expect(detail.body.history.events.nextCursor).toEqual(expect.any(String));
      expect(detail.body.history.decisions.items.map((d: { version: number }) => d.version)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      expect(detail.body.history.operatorActions.items.map((a: { reason: string }) => a.reason)).toEqual(['first look', 'second look']);
      const allEvents = await pageThrough<{ eventId: string }>(`/api/v1/shipments/${shipmentId}/events`, 20);
      expect(allEvents.pages).toBe(3);
      expect(allEvents.items.map((e) => e.eventId)).toEqual(events.map((e) => e.id));
      const rest = await viewer.get(`/api/v1/shipments/${shipmentId}/events?cursor=${detail.body.history.events.nextCursor}`).expect(200);
      expect(rest.body).toEqual({ items: allEvents.items.slice(50), nextCursor: null });
      const allDecisions = await pageThrough<{ version: number }>(`/api/v1/shipments/${shipmentId}/decisions`, 25);
      expect(allDecisions.items.map((d) => d.version)).toEqual(Array.from({ length: 57 }, (_, i) => i + 1));
      const actions = await pageThrough<{ reason: string; targetId: string }>(`/api/v1/shipments/${shipmentId}/operator-actions`, 1);
      expect(actions).toEqual({
        items: [
          expect.objectContaining({ reason: 'first look', targetId: shipmentId }),
          expect.objectContaining({ reason: 'second look' }),
        ],
        pages: 2,
      });
    });

    it('given bad records under one shipment, when its dead letters are paged, then each comes once, oldest first, without its bytes', async () => {
      const shipmentId = id('garbage');
      await system.produce([1, 2, 3].map((n) => ({ key: shipmentId, value: `not json ${n}` })));
      await system.deadLetters.waitFor('three dead letters', (messages) => messages.filter((m) => m.key === shipmentId).length === 3);

      const { items, pages } = await pageThrough<{ id: string; errorKind: string }>(`/api/v1/shipments/${shipmentId}/dead-letters`, 2);

      expect(pages).toBe(2);
      expect(items.map((d) => d.errorKind)).toEqual(['NOT_JSON', 'NOT_JSON', 'NOT_JSON']);
      expect(items.map((d) => Number(d.id))).toEqual([...items.map((d) => Number(d.id))].sort((a, b) => a - b));
      // The record bytes are at GET /api/v1/dead-letters/{id}.
      expect(Object.keys(items[0]).sort()).toEqual(
        ['id', 'eventId', 'errorKind', 'errors', 'sourceTopic', 'partition', 'offset', 'receivedAt', 'replayedAt', 'replayCount'].sort(),
      );
    });

    it('given an unknown shipment, a forged cursor or a limit over 500, then 404 or 400', async () => {
      for (const part of ['events', 'decisions', 'operator-actions', 'dead-letters']) {
        await viewer.get(`/api/v1/shipments/SHP-NONE-${run}/${part}`).expect(404);
        await viewer.get(`/api/v1/shipments/${preCleared}/${part}?limit=501`).expect(400);
        for (const cursor of [
          encodeCursor({ afterVersion: '1; DROP TABLE decisions' }),
          encodeCursor({ receivedAt: 'yesterday', offset: '1', eventId: 'x' }),
          'not-a-cursor',
        ]) {
          const res = await viewer.get(`/api/v1/shipments/${preCleared}/${part}?cursor=${cursor}`).expect(400);
          expect(fieldsIn(res.body)).toEqual(['cursor']);
        }
        await api.anonymous().get(`/api/v1/shipments/${preCleared}/${part}`).expect(401);
      }
    });
  });
});
