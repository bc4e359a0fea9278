import { randomBytes } from 'node:crypto';
import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { type AdminApiClient } from '../support/admin-api-client';
import { metricValue } from '../support/prometheus';
import { StatsTimeline } from '../support/stats-timeline';
import { type TestSystem } from '../support/test-system';

const NAME = 'clearance_release_interval_minutes';

describe('admin API: release-time intervals as Prometheus histograms', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const timeline = new StatsTimeline(new Date('2035-03-01T00:00:00Z'));
  const { clock, at, arrive } = timeline;
  const run = randomBytes(3).toString('hex');
  const series = (interval: string) => ({ interval, priority: 'CRITICAL', cold_chain: 'true' });

  async function scrape(): Promise<(name: string, labels: Record<string, string>) => number> {
    const page = (await api.anonymous().get('/metrics').expect(200)).text;
    return (name, labels) => {
      const value = metricValue(page, name, labels);
      return Number.isNaN(value) ? 0 : value;
    };
  }

  beforeAll(async () => {
    ({ system, api } = await timeline.start('admin-release-histograms'));
  });

  afterAll(async () => {
    await timeline.close();
  });

  it('given two vaccines released, then the histogram buckets, sums and counts grow by exactly their intervals', async () => {
    const before = await scrape();
    const onArrival = `SHP-IT-RH-${run}-1`;
    const checked = `SHP-IT-RH-${run}-2`;
    await system.produce([
      { key: onArrival, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: onArrival })) },
      { key: checked, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: checked, documents: [] })) },
    ]);
    expect((await system.waitForStatus(onArrival, 1)).data.status).toBe('PRE_CLEARED');
    expect((await system.waitForStatus(checked, 1)).data.status).toBe('DOCUMENT_CHECK');
    // Released on arrival 10 minutes after submission; the other arrives at 50 and is released by an officer at 70.
    await arrive(onArrival, 10);
    expect((await system.waitForStatus(onArrival, 2)).data.status).toBe('RELEASED');
    await arrive(checked, 50);
    const db = await system.db();
    for (
      let tries = 0;
      (await db.query('SELECT 1 FROM shipments WHERE shipment_id = $1 AND arrived_at IS NOT NULL', [checked])).length === 0;
      tries++
    ) {
      if (tries > 100) throw new Error('arrival not recorded');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    clock.set(at(70));
    await (
      await api.as('operator')
    )
      .post(`/api/v1/shipments/${checked}/decisions`)
      .send({ status: 'RELEASED', reason: 'Authorisation shown' })
      .expect(201);

    // 70 minutes on the app's clock: past RELEASE_HISTOGRAM_MAX_AGE_MS, so this scrape reads the database again.
    const after = await scrape();
    const grew = (suffix: string, interval: string, le?: string) =>
      after(`${NAME}_${suffix}`, { ...series(interval), ...(le ? { le } : {}) }) -
      before(`${NAME}_${suffix}`, { ...series(interval), ...(le ? { le } : {}) });
    // Submission to arrival: 10 and 50 minutes.
    expect(['5', '15', '30', '60', '+Inf'].map((le) => grew('bucket', 'submission_to_arrival', le))).toEqual([0, 1, 1, 2, 2]);
    expect(grew('sum', 'submission_to_arrival')).toBeCloseTo(60, 6);
    expect(grew('count', 'submission_to_arrival')).toBe(2);
    // Arrival to release: 0 and 20 minutes.
    expect(['0', '15', '30', '+Inf'].map((le) => grew('bucket', 'arrival_to_release', le))).toEqual([1, 1, 2, 2]);
    expect(grew('sum', 'arrival_to_release')).toBeCloseTo(20, 6);
  });
});
