import { randomBytes } from 'node:crypto';
import { type ClearanceStatusEvent } from '@app/contract';
import { aDeclaration, anArrival, anItem, aCancellation, aShipmentEvent, aGovernmentConsignee } from '@app/contract/testing';
import { DLQ_HEADERS } from '@app/messaging';
import { TestSystem } from './support/test-system';

const codes = (event: ClearanceStatusEvent) => event.data.reasons.map((r) => r.code);

describe('clearance engine on a real broker and database', () => {
  let system: TestSystem;
  const run = randomBytes(3).toString('hex');
  let n = 0;
  /** A shipment id of its own for each case. */
  const newShipmentId = () => `SHP-IT-${run}-${++n}`;

  beforeAll(async () => {
    system = await TestSystem.create('engine');
    await system.startEngine();
    await system.startPublisher();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given a vaccine declaration that breaks no rule, when submitted, then it is PRE_CLEARED as a CRITICAL cold chain', async () => {
    const shipmentId = newShipmentId();
    const event = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }));

    await system.produce([{ key: shipmentId, value: event }]);

    const status = await system.waitForStatus(shipmentId, 1);
    expect(status).toMatchObject({
      specversion: '1.0',
      type: 'customs.clearance.status',
      subject: shipmentId,
      data: {
        shipmentId,
        version: 1,
        status: 'PRE_CLEARED',
        priority: 'CRITICAL',
        coldChain: true,
        rulesetVersion: 1,
        decidedBy: 'ENGINE',
        causationId: event.id,
      },
    });
    expect(codes(status)).toContain('CRITICAL_MEDICAL_GOODS');
    expect(codes(status)).toContain('COLD_CHAIN');
    const db = await system.db();
    const [decision] = await db.query('SELECT status, reasons, ruleset_version FROM decisions WHERE shipment_id = $1', [shipmentId]);
    expect(decision.status).toBe('PRE_CLEARED');
    expect(decision.ruleset_version).toBe(1);
    expect(decision.reasons.length).toBe(status.data.reasons.length);
  });

  it('given no regulatory authorisation, when a vaccine is submitted, then DOCUMENT_CHECK', async () => {
    const shipmentId = newShipmentId();
    await system.produce([
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId, documents: [] })) },
    ]);

    const status = await system.waitForStatus(shipmentId, 1);
    expect(status.data.status).toBe('DOCUMENT_CHECK');
    expect(codes(status)).toContain('REGULATORY_AUTHORISATION_MISSING');
  });

  it('given a private consignee of vaccines, when submitted, then INSPECTION_REQUIRED at a temperature-controlled facility', async () => {
    const shipmentId = newShipmentId();
    const declaration = aDeclaration({
      shipmentId,
      parties: { consignee: aGovernmentConsignee({ type: 'PRIVATE_INDIVIDUAL', name: 'Jane Doe', id: undefined }) },
    });
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', declaration) }]);

    const status = await system.waitForStatus(shipmentId, 1);
    expect(status.data.status).toBe('INSPECTION_REQUIRED');
    // The falsified-medicine indicators are internal: the trade reads customs control, not the indicator.
    expect(codes(status)).toEqual(expect.arrayContaining(['CUSTOMS_CONTROL', 'COLD_CHAIN_CONTROLLED_INSPECTION']));
    expect(codes(status)).not.toContain('PRIVATE_CONSIGNEE_CRITICAL_GOODS');
  });

  it('given goods expiring before arrival and a missing authorisation, when submitted, then HELD wins and both rules are reported', async () => {
    const shipmentId = newShipmentId();
    const declaration = aDeclaration({ shipmentId, documents: [], items: [anItem({ expiryDate: '2026-03-01' })] });
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', declaration) }]);

    const status = await system.waitForStatus(shipmentId, 1);
    expect(status.data.status).toBe('HELD');
    expect(codes(status)).toEqual(expect.arrayContaining(['EXPIRES_BEFORE_ARRIVAL', 'REGULATORY_AUTHORISATION_MISSING']));
  });

  it('given a PRE_CLEARED shipment, when it arrives, then it is RELEASED as version 2', async () => {
    const shipmentId = newShipmentId();
    await system.produce([
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
      { key: shipmentId, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })) },
    ]);

    const released = await system.waitForStatus(shipmentId, 2);
    expect(released.data).toMatchObject({ status: 'RELEASED', priority: 'CRITICAL', coldChain: true });
    expect(system.statusesOf(shipmentId).map((e) => e.data.status)).toEqual(['PRE_CLEARED', 'RELEASED']);
  });

  it('given a declared shipment, when it is cancelled, then CANCELLED; a later amendment changes nothing', async () => {
    const shipmentId = newShipmentId();
    await system.produce([
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.cancelled', aCancellation({ shipmentId })) },
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId, amendment: 1 })) },
    ]);

    const cancelled = await system.waitForStatus(shipmentId, 2);
    expect(cancelled.data.status).toBe('CANCELLED');
    expect(codes(cancelled)).toContain('CANCELLED_BY_DECLARANT');
    await expectEventsRecorded(shipmentId, 3);
    await expectDecisionCount(shipmentId, 2);
    expect(system.statusesOf(shipmentId).map((e) => e.data.version)).toEqual([1, 2]);
  });

  it('given an arrival of an unknown shipment, then DOCUMENT_CHECK with NO_PREARRIVAL_DECLARATION, STANDARD', async () => {
    const shipmentId = newShipmentId();
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })) }]);

    const status = await system.waitForStatus(shipmentId, 1);
    expect(status.data).toMatchObject({ status: 'DOCUMENT_CHECK', priority: 'STANDARD', coldChain: false });
    expect(codes(status)).toContain('NO_PREARRIVAL_DECLARATION');
  });

  it('given the same event twice, when both are consumed, then only one status is published', async () => {
    const shipmentId = newShipmentId();
    const event = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }));
    await system.produce([{ key: shipmentId, value: event }]);
    await system.waitForStatus(shipmentId, 1);

    await system.produce([
      { key: shipmentId, value: event },
      { key: shipmentId, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })) },
    ]);

    const released = await system.waitForStatus(shipmentId, 2);
    expect(released.data.status).toBe('RELEASED');
    expect(system.statusesOf(shipmentId).map((e) => e.data.version)).toEqual([1, 2]);
    const db = await system.db();
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM shipment_events WHERE event_id = $1', [event.id]);
    expect(n).toBe(1);
  });

  it('given amendment 2 applied, when amendment 1 arrives late, then it is stale and changes nothing', async () => {
    const shipmentId = newShipmentId();
    const amendment2 = aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId, amendment: 2, documents: [] }));
    const staleAmendment1 = aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId, amendment: 1 }));
    await system.produce([
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
      { key: shipmentId, value: amendment2 },
      { key: shipmentId, value: staleAmendment1 },
    ]);

    const afterAmendment = await system.waitForStatus(shipmentId, 2);
    expect(afterAmendment.data).toMatchObject({ status: 'DOCUMENT_CHECK', causationId: amendment2.id });
    await expectEventsRecorded(shipmentId, 3);
    const db = await system.db();
    const [stale] = await db.query('SELECT outcome FROM shipment_events WHERE event_id = $1', [staleAmendment1.id]);
    expect(stale.outcome).toBe('STALE_AMENDMENT');
    const [shipment] = await db.query('SELECT status, amendment, version FROM shipments WHERE shipment_id = $1', [shipmentId]);
    expect(shipment).toEqual({ status: 'DOCUMENT_CHECK', amendment: 2, version: 2 });
    await expectDecisionCount(shipmentId, 2);
  });

  it('given bad records before valid ones on the same partition, then the bad go to the DLQ (REJECTED where a shipmentId is readable) and the valid are decided', async () => {
    const shipmentId = newShipmentId();
    const badDeclaration = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }));
    (badDeclaration.data as { items: unknown[] }).items = [anItem({ hsCode: '12AB', quantity: -1 })];
    const oversize = 'x'.repeat(300 * 1024);

    await system.produce([
      { key: shipmentId, value: '{not json' },
      { key: shipmentId, value: oversize },
      { key: shipmentId, value: badDeclaration },
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
    ]);

    const dead = await system.deadLetters.waitFor('3 dead letters', (m) => {
      const mine = m.filter((r) => r.key === shipmentId);
      return mine.length >= 3 ? mine : undefined;
    });
    expect(dead.map((d) => d.headers[DLQ_HEADERS.errorKind])).toEqual(['NOT_JSON', 'TOO_LARGE', 'INVALID_DATA']);
    expect(dead[0].value!.toString()).toBe('{not json');
    expect(dead[1].value!.length).toBe(oversize.length);
    expect(dead[2].headers[DLQ_HEADERS.errors]).toContain('hsCode');
    expect(dead[2].headers[DLQ_HEADERS.sourceTopic]).toBe(system.config.topics.shipmentEvents);

    // Each bad record rejects the shipment (the key names it); the valid submission is then decided as the first.
    const statuses = await system.statuses.waitFor('the valid submission', () => {
      const mine = system.statusesOf(shipmentId);
      return mine.some((e) => e.data.status === 'PRE_CLEARED') ? mine : undefined;
    });
    expect(statuses.map((e) => e.data.status)).toEqual(['REJECTED', 'REJECTED', 'REJECTED', 'PRE_CLEARED']);
    expect(statuses.map((e) => e.data.version)).toEqual([1, 2, 3, 4]);
    const rejected = statuses[2];
    expect(rejected.data.reasons.length).toBeGreaterThan(0);
    expect(rejected.data.reasons.every((r) => r.code === 'VALIDATION_ERROR')).toBe(true);
    expect(rejected.data.reasons.map((r) => r.message).join(' ')).toMatch(/hsCode/);
  });

  it('given an event the database refuses (year 0000), then it alone is dead-lettered as UNSTORABLE and the next record on the partition is decided', async () => {
    const shipmentId = newShipmentId();
    const refused = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }), { time: '0000-01-01T00:00:00Z' });
    const valid = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }));
    await system.produce([
      { key: shipmentId, value: refused },
      { key: shipmentId, value: valid },
    ]);

    const [dead] = await system.deadLetters.waitFor('the refused record', (m) => {
      const mine = m.filter((r) => r.key === shipmentId);
      return mine.length ? mine : undefined;
    });
    expect(dead.headers[DLQ_HEADERS.errorKind]).toBe('UNSTORABLE');
    expect(JSON.parse(dead.value!.toString()).id).toBe(refused.id);
    const decided = await system.waitForStatus(shipmentId, 2);
    expect(decided.data).toMatchObject({ status: 'PRE_CLEARED', causationId: valid.id });
    expect(system.statusesOf(shipmentId)[0].data.status).toBe('REJECTED');
  });

  it('given a PRE_CLEARED shipment, when an amendment numbered 0 arrives, then it is stale: no REJECTED, nothing changes', async () => {
    const shipmentId = newShipmentId();
    const stale = aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId, amendment: 0, documents: [] }));
    await system.produce([
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
      { key: shipmentId, value: stale },
    ]);

    await system.waitForStatus(shipmentId, 1);
    await expectEventsRecorded(shipmentId, 2);
    const db = await system.db();
    const [row] = await db.query('SELECT outcome FROM shipment_events WHERE event_id = $1', [stale.id]);
    expect(row.outcome).toBe('STALE_AMENDMENT');
    await expectDecisionCount(shipmentId, 1);
  });

  it('given a hostile record (a NUL in its id) before a valid one, then the hostile one is dead-lettered and the valid one decided', async () => {
    const shipmentId = newShipmentId();
    const hostile = aShipmentEvent('customs.prearrival.cancelled', aCancellation({ shipmentId }), { id: 'evt-\u0000-x' });
    await system.produce([
      { key: shipmentId, value: hostile },
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
    ]);

    const [dead] = await system.deadLetters.waitFor('the hostile record', (m) => {
      const mine = m.filter((r) => r.key === shipmentId);
      return mine.length ? mine : undefined;
    });
    expect(dead.headers[DLQ_HEADERS.errors]).toContain('cannot be stored');
    const decided = await system.waitForStatus(shipmentId, 2);
    expect(decided.data.status).toBe('PRE_CLEARED');
  });

  it('given the same invalid event resent, then both are dead-lettered but the shipment is REJECTED once', async () => {
    const shipmentId = newShipmentId();
    const invalid = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId, items: [anItem({ quantity: 0 })] }));
    await system.produce([
      { key: shipmentId, value: invalid },
      { key: shipmentId, value: invalid },
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
    ]);

    const dead = await system.deadLetters.waitFor('two dead letters', (m) => {
      const mine = m.filter((r) => r.key === shipmentId);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(dead).toHaveLength(2);
    await system.waitForStatus(shipmentId, 2);
    expect(system.statusesOf(shipmentId).map((e) => e.data.status)).toEqual(['REJECTED', 'PRE_CLEARED']);
    await expectDecisionCount(shipmentId, 2);
  });

  /** The decisions table is the truth of what was published: the events were committed with it. */
  async function expectDecisionCount(shipmentId: string, count: number): Promise<void> {
    const db = await system.db();
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM decisions WHERE shipment_id = $1', [shipmentId]);
    expect(n).toBe(count);
  }

  async function expectEventsRecorded(shipmentId: string, count: number): Promise<void> {
    const db = await system.db();
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM shipment_events WHERE shipment_id = $1', [shipmentId]);
      if (n >= count) return;
      if (Date.now() > deadline) throw new Error(`only ${n} of ${count} events of ${shipmentId} recorded`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
