import { randomBytes } from 'node:crypto';
import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { engineConsumers } from '@app/config';
import { type AdminApiClient } from '../support/admin-api-client';
import { metricValue } from '../support/prometheus';
import { TestSystem } from '../support/test-system';

describe('admin API: health, readiness and Prometheus metrics', () => {
  let system: TestSystem;
  let api: AdminApiClient;

  beforeAll(async () => {
    system = await TestSystem.create('observability');
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given the engine is not running, when readiness is asked, then 503 naming the engine; once it consumes, 200', async () => {
    const notReady = await api.anonymous().get('/health/ready').expect(503);
    expect(notReady.body.error.engine.status).toBe('down');
    expect(notReady.body.info.database.status).toBe('up');
    expect(notReady.body.info.kafka.status).toBe('up');

    await system.startEngine();
    const ready = await api.anonymous().get('/health/ready').expect(200);
    expect(ready.body.info.engine.status).toBe('up');
    expect(ready.body.info.engine.groups).toEqual(
      engineConsumers(system.config).map(({ groupId }) => ({ groupId, state: 'Stable', members: 1 })),
    );
  });

  it('given decisions were made, when /metrics is scraped, then it shows records triaged and consumed, decisions, dead letters, backlog, lag and latency', async () => {
    await system.startPublisher();
    const shipmentId = `SHP-OBS-${randomBytes(3).toString('hex')}`;
    const undeclared = `${shipmentId}-UNDECLARED`;
    await system.produce([
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
      // Garbage under a declared shipment's key is dead-lettered only; under an unknown one it is REJECTED too.
      { key: shipmentId, value: 'not json' },
      { key: undeclared, value: 'not json' },
    ]);
    await system.waitForStatus(shipmentId, 1);
    expect((await system.waitForStatus(undeclared, 1)).data.status).toBe('REJECTED');

    // Engine and publisher store snapshots every few seconds.
    const deadline = Date.now() + 20_000;
    let page = '';
    for (;;) {
      page = (await api.anonymous().get('/metrics').expect(200)).text;
      // Snapshots are periodic: wait until those taken after the publishing are in.
      const published = metricValue(page, 'clearance_outbox_published_total', {
        app: 'status-publisher',
        topic: system.config.topics.clearanceStatus,
      });
      const consumed = metricValue(page, 'clearance_events_consumed_total', {
        topic: system.config.topics.lanes.CRITICAL,
        outcome: 'deadLettered',
      });
      if (published >= 2 && consumed >= 1) break;
      if (Date.now() > deadline) throw new Error(`metrics incomplete:\n${page.slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // A vaccine shipment: both its records went through the CRITICAL lane (the bad one follows its shipment).
    const topic = system.config.topics.lanes.CRITICAL;
    expect(metricValue(page, 'clearance_triage_forwarded_total', { app: 'clearance-engine', lane: 'CRITICAL' })).toBeGreaterThanOrEqual(2);
    expect(
      metricValue(page, 'clearance_events_consumed_total', { app: 'clearance-engine', topic, outcome: 'applied' }),
    ).toBeGreaterThanOrEqual(1);
    expect(metricValue(page, 'clearance_events_consumed_total', { topic, outcome: 'deadLettered' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(page, 'clearance_engine_decisions_total', { status: 'PRE_CLEARED', priority: 'CRITICAL' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(metricValue(page, 'clearance_engine_decisions_total', { status: 'REJECTED' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(page, 'clearance_dead_letters_total', { error_kind: 'NOT_JSON' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(page, 'clearance_decision_latency_seconds_count', { priority: 'CRITICAL' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(page, 'clearance_outbox_published_total', { app: 'status-publisher' })).toBeGreaterThanOrEqual(2);
    expect(metricValue(page, 'clearance_outbox_backlog', { app: 'admin-api' })).toBeGreaterThanOrEqual(0);
    for (const consumer of ['triage', 'CRITICAL', 'ESSENTIAL', 'STANDARD']) {
      expect(metricValue(page, 'clearance_consumer_lag', { consumer, partition: '0' })).toBe(0);
    }
  });
});
