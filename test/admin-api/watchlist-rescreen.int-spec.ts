import { randomBytes, randomUUID } from 'node:crypto';
import { type Declaration } from '@app/contract';
import { aDeclaration, aGovernmentConsignee, anArrival, anItem, aShipmentEvent, aStandardItem } from '@app/contract/testing';
import { type AdminApiClient } from '../support/admin-api-client';
import { TestSystem } from '../support/test-system';

/**
 * A new watchlist entry re-screens open shipments in chunks (here of 2), each its own
 * transaction, finding them in SQL; a re-screening cut short by a stop is resumed at start-up.
 */
describe('admin API: the watchlist re-screening, chunk by chunk', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const run = randomBytes(4).toString('hex');
  const id = (name: string) => `SHP-IT-RS-${run}-${name}`;
  const suspect = `Suspect Trading ${run} Ltd`;
  const stalledMaker = `Stalled Maker ${run} GmbH`;
  // Spelt as traders do: the policy matches them all on the normalised name, or on the party id.
  const matching: [string, Declaration['parties']['consignee']][] = [
    [id('m1'), aGovernmentConsignee({ name: suspect })],
    [id('m2'), aGovernmentConsignee({ name: suspect.toUpperCase() })],
    [id('m3'), aGovernmentConsignee({ name: `Suspect-Trading ${run}, L.t.d.` })],
    [id('m4'), aGovernmentConsignee({ name: `  suspect   trading ${run} ltd ` })],
    [id('m5'), aGovernmentConsignee({ id: suspect.toLowerCase(), name: 'Another Name Entirely' })],
  ];
  const honest = id('honest');
  const alreadyHeld = id('held');
  const released = id('released');
  const resumed = id('resumed');
  const stalledEntryId = randomUUID();
  const stalledActorKeyId = randomUUID();
  const createdEntryIds: string[] = [stalledEntryId];

  const submitted = (declaration: Declaration) => ({
    key: declaration.shipmentId,
    value: aShipmentEvent('customs.prearrival.submitted', declaration),
  });

  beforeAll(async () => {
    system = await TestSystem.create('admin-rescreen', { env: { WATCHLIST_RESCREEN_CHUNK_SIZE: '2' } });
    await system.startEngine();
    await system.startPublisher();
    await system.produce([
      ...matching.map(([shipmentId, consignee]) => submitted(aDeclaration({ shipmentId, parties: { consignee } }))),
      submitted(aDeclaration({ shipmentId: honest, parties: { consignee: aGovernmentConsignee({ name: `Honest Trading ${run} Ltd` }) } })),
      // Expires before it arrives: HELD by the engine already.
      submitted(
        aDeclaration({
          shipmentId: alreadyHeld,
          parties: { consignee: aGovernmentConsignee({ name: suspect }) },
          items: [anItem({ expiryDate: '2026-01-01' })],
        }),
      ),
      submitted(aDeclaration({ shipmentId: released, parties: { consignee: aGovernmentConsignee({ name: suspect }) } })),
      submitted(aDeclaration({ shipmentId: resumed, items: [aStandardItem({ manufacturer: { name: stalledMaker, country: 'DE' } })] })),
    ]);
    for (const [shipmentId] of matching) await system.waitForStatus(shipmentId, 1);
    for (const shipmentId of [honest, alreadyHeld, released, resumed]) await system.waitForStatus(shipmentId, 1);
    await system.produce([{ key: released, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId: released })) }]);
    await system.waitForStatus(released, 2);

    // As if an admin API had stored an entry and then stopped before re-screening anything.
    const db = await system.db();
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await db.query(
      `INSERT INTO watchlist_entries (id, kind, value, reason, author, expires_at, created_at) VALUES ($1, 'MANUFACTURER', $2, 'RILO alert: stalled', $3, NULL, $4)`,
      [stalledEntryId, stalledMaker, `apikey:${stalledActorKeyId}`, anHourAgo],
    );
    await db.query(
      `INSERT INTO watchlist_rescreens (entry_id, actor, actor_key_id, actor_role, remote_addr, after_shipment_id, held, started_at, updated_at, finished_at)
       VALUES ($1, $2, $3, 'operator', '192.0.2.10', NULL, 0, $4, $4, NULL)`,
      [stalledEntryId, `apikey:${stalledActorKeyId}`, stalledActorKeyId, anHourAgo],
    );
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    // The run database is shared by every test file: leave no entry behind to hold their shipments.
    await (await system.db()).query('DELETE FROM watchlist_entries WHERE id = ANY($1)', [createdEntryIds]);
    await system?.close();
  });

  it('given a re-screening that stopped before it began, when the admin API starts, then it resumes it and holds the match, as the entry author and audited', async () => {
    const held = await system.waitForStatus(resumed, 2);

    expect(held.data).toMatchObject({ status: 'HELD', decidedBy: `OPERATOR:${stalledActorKeyId}` });
    const db = await system.db();
    const [rescreen] = await db.query('SELECT held, finished_at FROM watchlist_rescreens WHERE entry_id = $1', [stalledEntryId]);
    expect(rescreen).toEqual({ held: 1, finished_at: expect.any(Date) });
    const [audit] = await db.query(
      `SELECT actor, actor_role, remote_addr, after FROM audit_log WHERE action = 'shipment.hold-by-watchlist' AND target_id = $1`,
      [resumed],
    );
    expect(audit).toEqual({
      actor: `apikey:${stalledActorKeyId}`,
      actor_role: 'operator',
      remote_addr: '192.0.2.10',
      after: { status: 'HELD', version: 2, watchlistEntryId: stalledEntryId },
    });
  });

  it('given five matching open shipments, when the party is watchlisted, then all five are HELD in chunks of two (three transactions) and the others are untouched', async () => {
    const response = await (
      await api.as('operator')
    )
      .post('/api/v1/watchlist')
      .send({ kind: 'PARTY', value: suspect, reason: 'RILO alert: falsified vaccines' });

    expect(response.status).toBe(201);
    createdEntryIds.push(response.body.id);
    const matchingIds = matching.map(([shipmentId]) => shipmentId);
    expect(response.body.rescreened).toEqual({ held: [...matchingIds].sort(), heldCount: 5, complete: true });
    for (const shipmentId of matchingIds) {
      // The trade reads that customs selected it, nothing of the entry.
      expect((await system.waitForStatus(shipmentId, 2)).data).toMatchObject({
        status: 'HELD',
        reasons: [expect.objectContaining({ code: 'CUSTOMS_CONTROL' })],
      });
    }
    const db = await system.db();
    // Each chunk commits on its own: the holds carry the ids of three transactions.
    const [{ transactions }] = await db.query(
      `SELECT count(DISTINCT xmin::text)::int AS transactions FROM decisions WHERE shipment_id = ANY($1) AND version = 2`,
      [matchingIds],
    );
    expect(transactions).toBe(3);
    const untouched = await db.query(
      'SELECT shipment_id, status, version FROM shipments WHERE shipment_id = ANY($1) ORDER BY shipment_id',
      [[honest, alreadyHeld, released]],
    );
    expect(untouched).toEqual(
      [
        { shipment_id: honest, status: 'PRE_CLEARED', version: 1 },
        { shipment_id: alreadyHeld, status: 'HELD', version: 1 },
        { shipment_id: released, status: 'RELEASED', version: 2 },
      ].sort((a, b) => a.shipment_id.localeCompare(b.shipment_id)),
    );
    const listed = await (await api.as('viewer')).get('/api/v1/watchlist?limit=500').expect(200);
    expect(listed.body.items.find((e: { id: string }) => e.id === response.body.id)).toMatchObject({
      rescreen: { heldCount: 5, finishedAt: expect.any(String) },
    });
  });
});
