import { randomBytes } from 'node:crypto';
import { aDeclaration, aShipmentEvent, aSyringeItem } from '@app/contract/testing';
import { type AdminApiClient } from '../support/admin-api-client';
import { StatsTimeline } from '../support/stats-timeline';
import { type TestSystem } from '../support/test-system';

const DAY_MS = 24 * 60 * 60_000;

describe('admin API: release-time statistics', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const timeline = new StatsTimeline(new Date('2031-03-01T00:00:00Z'));
  const { clock, at, arrive } = timeline;
  const run = randomBytes(4).toString('hex');
  let n = 0;
  const newShipmentId = () => `SHP-IT-ST-${run}-${++n}`;
  const from = at(-60).toISOString();
  const to = at(120).toISOString();

  beforeAll(async () => {
    ({ system, api } = await timeline.start('admin-stats'));

    // Submitted at T0: three vaccines (CRITICAL), syringes (ESSENTIAL) and one vaccine never released.
    const critical = [newShipmentId(), newShipmentId(), newShipmentId()];
    const essential = newShipmentId();
    const pending = newShipmentId();
    await system.produce([
      ...[...critical, pending].map((shipmentId) => ({
        key: shipmentId,
        value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })),
      })),
      {
        key: essential,
        value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: essential, items: [aSyringeItem()] })),
      },
    ]);
    for (const shipmentId of [...critical, essential, pending])
      expect((await system.waitForStatus(shipmentId, 1)).data.status).toBe('PRE_CLEARED');

    // Released 10, 20 and 60 minutes after submission (CRITICAL), 30 (ESSENTIAL).
    for (const [shipmentId, minutes] of [
      [critical[0], 10],
      [critical[1], 20],
      [essential, 30],
      [critical[2], 60],
    ] as const) {
      await arrive(shipmentId, minutes);
      expect((await system.waitForStatus(shipmentId, 2)).data.status).toBe('RELEASED');
    }
    // An arrival without a declaration: DOCUMENT_CHECK, STANDARD, never submitted.
    const undeclared = newShipmentId();
    await arrive(undeclared, 70);
    expect((await system.waitForStatus(undeclared, 1)).data.status).toBe('DOCUMENT_CHECK');
  });

  afterAll(async () => {
    await timeline.close();
  });

  it('given released shipments, when the window holds them, then released counts and p50/p90/p99 minutes per priority and counts by status', async () => {
    const response = await (await api.as('viewer')).get(`/api/v1/stats/release-times?from=${from}&to=${to}`).expect(200);

    const { byPriority, countsByStatus } = response.body;
    expect(response.body.from).toBe(from);
    expect(response.body.to).toBe(to);
    expect(byPriority.CRITICAL.released).toBe(3);
    // percentile_cont over 10, 20, 60: linear interpolation between the closest ranks.
    expect(byPriority.CRITICAL.p50Minutes).toBeCloseTo(20, 6);
    expect(byPriority.CRITICAL.p90Minutes).toBeCloseTo(52, 6);
    expect(byPriority.CRITICAL.p99Minutes).toBeCloseTo(59.2, 6);
    expect(byPriority.ESSENTIAL).toEqual({ released: 1, p50Minutes: 30, p90Minutes: 30, p99Minutes: 30 });
    expect(byPriority.STANDARD).toEqual({ released: 0, p50Minutes: null, p90Minutes: null, p99Minutes: null });
    expect(countsByStatus).toEqual({
      PRE_CLEARED: 1,
      DOCUMENT_CHECK: 1,
      INSPECTION_REQUIRED: 0,
      HELD: 0,
      RELEASED: 4,
      CANCELLED: 0,
      REJECTED: 0,
    });
  });

  it('given released shipments, then the Time Release Study cuts: submission to arrival, arrival to release, shares within minutes of arrival, time in each status', async () => {
    const response = await (await api.as('viewer')).get(`/api/v1/stats/release-times?from=${from}&to=${to}`).expect(200);
    const { intervals, timeInStatus } = response.body;
    const cut = (dimension: string, key: string | null) =>
      intervals.find((i: { dimension: string; key: string | null }) => i.dimension === dimension && i.key === key);

    // Submitted at T0, arrived and released at once at 10, 20, 30 (ESSENTIAL) and 60 minutes.
    expect(cut('all', null)).toMatchObject({
      released: 4,
      submissionToArrival: { count: 4, p50Minutes: 25 },
      arrivalToRelease: { count: 4, p50Minutes: 0, p99Minutes: 0 },
      releasedWithin: [
        { minutes: 0, count: 4, share: 1 },
        { minutes: 15, count: 4, share: 1 },
        { minutes: 60, count: 4, share: 1 },
        { minutes: 240, count: 4, share: 1 },
      ],
    });
    expect(cut('priority', 'CRITICAL')).toMatchObject({ released: 3, submissionToArrival: { count: 3, p50Minutes: 20 } });
    expect(cut('priority', 'ESSENTIAL')).toMatchObject({ released: 1, submissionToArrival: { p50Minutes: 30 } });
    expect(cut('coldChain', 'true')).toMatchObject({ released: 3 });
    expect(cut('transportMode', 'AIR')).toMatchObject({ released: 4 });
    expect(cut('entryLocation', 'IDCGK')).toMatchObject({ released: 4 });
    // Each spent 10, 20, 30 or 60 minutes PRE_CLEARED before its release.
    expect(timeInStatus).toEqual([
      { status: 'PRE_CLEARED', count: 4, p50Minutes: 25, p90Minutes: expect.any(Number), p99Minutes: expect.any(Number) },
    ]);
  });

  it('given no window, when asked, then the last 30 days up to now are used', async () => {
    const response = await (await api.as('viewer')).get('/api/v1/stats/release-times').expect(200);

    expect(response.body.to).toBe(clock.now().toISOString());
    expect(new Date(response.body.to).getTime() - new Date(response.body.from).getTime()).toBe(30 * DAY_MS);
    expect(response.body.byPriority.CRITICAL.released).toBe(3);
    expect(response.body.countsByStatus.RELEASED).toBe(4);
  });

  it('given a window that ends before the releases, then nothing is released and every figure is still present', async () => {
    const response = await (await api.as('viewer')).get(`/api/v1/stats/release-times?from=${from}&to=${at(15).toISOString()}`).expect(200);

    expect(response.body.byPriority.CRITICAL).toMatchObject({ released: 1, p50Minutes: 10 });
    expect(response.body.byPriority.ESSENTIAL).toEqual({ released: 0, p50Minutes: null, p90Minutes: null, p99Minutes: null });
    expect(Object.keys(response.body.byPriority).sort()).toEqual(['CRITICAL', 'ESSENTIAL', 'STANDARD']);
  });

  it('given a bad window, then 400 naming the field', async () => {
    const viewer = await api.as('viewer');
    const longest = `from=2030-01-01T00:00:00Z&to=${new Date(Date.parse('2030-01-01T00:00:00Z') + 366 * DAY_MS).toISOString()}`;
    await viewer.get(`/api/v1/stats/release-times?${longest}`).expect(200);
    for (const [query, field] of [
      ['from=2031-03-02T00:00:00Z&to=2031-03-01T00:00:00Z', 'from'],
      ['from=2030-01-01T00:00:00Z&to=2031-01-03T00:00:00Z', 'to'],
      ['from=yesterday', 'from'],
      ['to=2031-02-30T00:00:00Z', 'to'],
      ['from=2031-03-01', 'from'],
      ['from=1700000000', 'from'],
      ["from=2031-03-01T00:00:00Z'%20OR%201=1--", 'from'],
      ['from=a&from=b', 'from'],
      ['priority=CRITICAL', 'priority'],
    ]) {
      const response = await viewer.get(`/api/v1/stats/release-times?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('given no key, then 401', async () => {
    await api.anonymous().get('/api/v1/stats/release-times').expect(401);
    await api.anonymous().get('/api/v1/stats/release-times').set('Authorization', 'Bearer pck_wrong').expect(401);
  });
});
