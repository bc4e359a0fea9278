import { randomBytes } from 'node:crypto';
import { aDeclaration, aPrivateConsignee, aShipmentEvent } from '@app/contract/testing';
import { samplingScore } from '@app/policy';
import { type AdminApiClient } from '../support/admin-api-client';
import { StatsTimeline } from '../support/stats-timeline';
import { aStandardDeclaration } from '../support/test-data';
import { type TestSystem } from '../support/test-system';

/** A fresh shipment id the baseline sampling rate (0.05) selects. */
function sampledShipmentId(prefix: string): string {
  for (;;) {
    const id = `${prefix}-${randomBytes(4).toString('hex')}`;
    if (samplingScore(id) < 0.05) return id;
  }
}

interface RuleFigures {
  ruleId: string;
  selections: number;
  examined: number;
  withFindings: number;
  hitRate: number | null;
  overrides: number;
  smallSample: boolean;
}

describe('admin API: rule effectiveness', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const timeline = new StatsTimeline(new Date('2034-07-01T00:00:00Z'));
  const { clock, at } = timeline;
  const run = randomBytes(3).toString('hex');
  const reason = 'Officer decision';

  beforeAll(async () => {
    ({ system, api } = await timeline.start('admin-rule-stats'));
    const operator = await api.as('operator');
    const examine = (shipmentId: string, outcome: string) =>
      operator
        .post(`/api/v1/shipments/${shipmentId}/examinations`)
        .send({ outcome, findings: `${outcome} found`, temperatureControlledFacility: true })
        .expect(201);

    // Four vaccines to private persons: the falsified-medicine indicators select them (INSPECTION_REQUIRED).
    const inspected = [1, 2, 3, 4].map((n) => `SHP-IT-RS-${run}-${n}`);
    // Two STANDARD consignments the random sample selects (DOCUMENT_CHECK).
    const sampled = [sampledShipmentId(`SHP-IT-RS-${run}-S1`), sampledShipmentId(`SHP-IT-RS-${run}-S2`)];
    await system.produce([
      ...inspected.map((shipmentId) => ({
        key: shipmentId,
        value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId, parties: { consignee: aPrivateConsignee() } })),
      })),
      ...sampled.map((shipmentId) => ({
        key: shipmentId,
        value: aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(shipmentId)),
      })),
    ]);
    for (const shipmentId of inspected) expect((await system.waitForStatus(shipmentId, 1)).data.status).toBe('INSPECTION_REQUIRED');
    for (const shipmentId of sampled) expect((await system.waitForStatus(shipmentId, 1)).data.status).toBe('DOCUMENT_CHECK');

    clock.set(at(30));
    await examine(inspected[0], 'FALSIFIED');
    await examine(inspected[1], 'DISCREPANCY');
    await examine(inspected[2], 'NO_FINDING');
    // The fourth is released by an officer without an examination (held, then released waiving the
    // inspection, as the release gate requires): an override.
    await operator.post(`/api/v1/shipments/${inspected[3]}/decisions`).send({ status: 'HELD', reason }).expect(201);
    await operator.post(`/api/v1/shipments/${inspected[3]}/decisions`).send({ status: 'RELEASED', reason }).expect(409);
    await operator
      .post(`/api/v1/shipments/${inspected[3]}/decisions`)
      .send({ status: 'RELEASED', reason: 'Inspection waived: urgent campaign delivery', waiveInspection: true })
      .expect(201);
    await examine(sampled[0], 'DISCREPANCY');
    await examine(sampled[1], 'NO_FINDING');
  });

  afterAll(async () => {
    await timeline.close();
  });

  it('given seeded examinations, then each rule has exact counts and hit rate, beside the random sample as baseline', async () => {
    const window = `from=${at(-1).toISOString()}&to=${at(120).toISOString()}`;
    const response = await (await api.as('viewer')).get(`/api/v1/stats/rules?${window}`).expect(200);
    expect(response.body.rulesets.map((r: { rulesetVersion: number }) => r.rulesetVersion)).toEqual([1]);
    const [v1] = response.body.rulesets as { rules: RuleFigures[]; baseline: RuleFigures }[];
    expect(v1.rules.find((r) => r.ruleId === 'falsified-medicine-indicators')).toMatchObject({
      selections: 4,
      examined: 3,
      withFindings: 2,
      hitRate: 2 / 3,
      overrides: 1,
      smallSample: true,
    });
    expect(v1.baseline).toMatchObject({
      ruleId: 'random-sampling',
      selections: 2,
      examined: 2,
      withFindings: 1,
      hitRate: 0.5,
      overrides: 0,
    });
    expect(v1.rules.find((r) => r.ruleId === 'watchlist')).toMatchObject({ selections: 0, examined: 0, hitRate: null });
    expect(v1.rules.map((r) => r.ruleId)).not.toContain('classify-priority');

    const filtered = await (await api.as('viewer')).get(`/api/v1/stats/rules?${window}&rulesetVersion=1`).expect(200);
    expect(filtered.body.rulesets).toEqual(response.body.rulesets);
    const before = await (
      await api.as('viewer')
    )
      .get(`/api/v1/stats/rules?from=${at(-60).toISOString()}&to=${at(-1).toISOString()}`)
      .expect(200);
    expect(before.body.rulesets).toEqual([]);
  });

  it('given bad parameters, then 400 naming the field', async () => {
    const viewer = await api.as('viewer');
    for (const [query, field] of [
      ['rulesetVersion=0', 'rulesetVersion'],
      ['rulesetVersion=x', 'rulesetVersion'],
      ['from=yesterday', 'from'],
    ]) {
      const res = await viewer.get(`/api/v1/stats/rules?${query}`).expect(400);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
    }
  });
});
