import { randomBytes } from 'node:crypto';
import { aDeclaration, anArrival, anItem, aShipmentEvent } from '@app/contract/testing';
import { type AdminApiClient } from '../support/admin-api-client';
import { metricValue } from '../support/prometheus';
import { TestClock } from '../support/test-clock';
import { TestSystem } from '../support/test-system';

const MINUTE_MS = 60_000;
const CHECK_INTERVAL_MS = 1000;
const T0 = new Date('2033-02-01T06:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE_MS);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('admin API: service levels', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const clock = new TestClock(T0);
  const run = randomBytes(3).toString('hex');
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const entryLocation = `Y${[...randomBytes(4)].map((b) => letters[b % 26]).join('')}`;
  const route = { originCountry: 'BE', entryLocation, estimatedArrival: '2026-12-01T08:00:00Z' };
  // A CRITICAL cold-chain vaccine without its authorisation (DOCUMENT_CHECK): the default 60-minute target applies.
  const late = `SHP-IT-SL-${run}-late`;
  // A CRITICAL vaccine kept at room temperature: no target by default.
  const ambient = `SHP-IT-SL-${run}-ambient`;

  const alertsCounted = async () => {
    const page = (await api.anonymous().get('/metrics').expect(200)).text;
    const value = metricValue(page, 'clearance_service_level_alerts_total', { app: 'admin-api', priority: 'CRITICAL', cold_chain: 'true' });
    return Number.isNaN(value) ? 0 : value;
  };
  const alertAudits = async () =>
    (
      (await (await api.as('admin')).get(`/api/v1/shipments/${late}/operator-actions`).expect(200)).body.items as {
        action: string;
        actor: string;
      }[]
    ).filter((a) => a.action === 'shipment.service-level-alert');

  beforeAll(async () => {
    system = await TestSystem.create('admin-service-levels', {
      clock,
      env: { SERVICE_LEVEL_CHECK_INTERVAL_MS: String(CHECK_INTERVAL_MS) },
    });
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
    await system.produce([
      { key: late, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: late, route, documents: [] })) },
      {
        key: ambient,
        value: aShipmentEvent(
          'customs.prearrival.submitted',
          aDeclaration({
            shipmentId: ambient,
            route,
            documents: [],
            items: [anItem({ hsCode: '300215', storageTemperature: { minC: 15, maxC: 25 } })],
          }),
        ),
      },
    ]);
    for (const shipmentId of [late, ambient]) expect((await system.waitForStatus(shipmentId, 1)).data.status).toBe('DOCUMENT_CHECK');
    await system.produce(
      [late, ambient].map((shipmentId) => ({
        key: shipmentId,
        value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId, arrivedAt: T0.toISOString(), entryLocation })),
      })),
    );
    const db = await system.db();
    for (let tries = 0; ; tries++) {
      const rows = await db.query('SELECT shipment_id FROM shipments WHERE shipment_id = ANY($1) AND arrived_at IS NOT NULL', [
        [late, ambient],
      ]);
      if (rows.length === 2) break;
      if (tries > 100) throw new Error('arrivals not recorded');
      await pause(200);
    }
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given a CRITICAL cold-chain shipment waiting 60 minutes after arrival, then no alert; past 60, one alert: metric, worklist, audit, delay notice', async () => {
    // Other files' old open shipments are alerted at the first checks: let those pass, then count from here.
    clock.set(at(60));
    await pause(3 * CHECK_INTERVAL_MS);
    const before = await alertsCounted();
    const operator = await api.as('operator');
    const [onTime] = (await operator.get(`/api/v1/worklist?entryLocation=${entryLocation}`).expect(200)).body.items;
    expect(onTime).toMatchObject({
      shipmentId: late,
      serviceLevel: { state: 'ON_TIME', thresholdMinutes: 60, dueAt: at(60).toISOString(), alertRaisedAt: null },
    });
    expect(system.statusesOf(late)).toHaveLength(1);

    clock.set(at(61));
    const notice = await system.waitForStatus(late, 2);
    expect(notice.data).toMatchObject({
      status: 'DOCUMENT_CHECK',
      priority: 'CRITICAL',
      coldChain: true,
      decidedBy: 'ENGINE',
      reasons: [{ code: 'SERVICE_LEVEL_DELAY', ruleId: 'service-level', message: expect.stringContaining('60-minute service level') }],
    });
    // Several more checks: still one alert, one notice, one audit entry.
    await pause(3 * CHECK_INTERVAL_MS);
    expect(system.statusesOf(late).map((s) => s.data.version)).toEqual([1, 2]);
    expect(await alertAudits()).toEqual([expect.objectContaining({ actor: 'system:service-levels' })]);
    expect((await alertsCounted()) - before).toBe(1);

    const items = (await operator.get(`/api/v1/worklist?entryLocation=${entryLocation}`).expect(200)).body.items;
    expect(items.map((i: { shipmentId: string; serviceLevel: { state: string } }) => [i.shipmentId, i.serviceLevel.state])).toEqual([
      [late, 'BREACHED'],
      [ambient, 'NO_TARGET'],
    ]);
    expect(items[0].serviceLevel.alertRaisedAt).toEqual(expect.any(String));
    expect(system.statusesOf(ambient)).toHaveLength(1);

    const listed = (
      await (await api.as('viewer')).get(`/api/v1/service-levels?from=${at(0).toISOString()}&to=${at(120).toISOString()}`).expect(200)
    ).body;
    expect(listed.thresholds).toEqual([{ priority: 'CRITICAL', coldChain: true, minutes: 60 }]);
    expect(listed.alerts.filter((a: { shipmentId: string }) => a.shipmentId === late)).toEqual([
      {
        shipmentId: late,
        priority: 'CRITICAL',
        coldChain: true,
        thresholdMinutes: 60,
        arrivedAt: T0.toISOString(),
        raisedAt: expect.any(String),
        status: 'DOCUMENT_CHECK',
      },
    ]);
  });

  it('given the alerted shipment, when an officer holds it, then the hold is published after the notice and no second alert follows', async () => {
    const operator = await api.as('operator');
    await operator.post(`/api/v1/shipments/${late}/decisions`).send({ status: 'HELD', reason: 'Waiting for the regulator' }).expect(201);
    expect((await system.waitForStatus(late, 3)).data.status).toBe('HELD');
    await pause(3 * CHECK_INTERVAL_MS);
    expect(await alertAudits()).toHaveLength(1);
    expect(system.statusesOf(late).map((s) => s.data.version)).toEqual([1, 2, 3]);
  });
});
