import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { aDeclaration, anArrival, aShipmentEvent } from '@app/contract/testing';
import { OutboxPartitionRepository } from '@app/persistence';
import { account, type ExpectedShipment, isClean } from '../chaos/src/accounting';
import { appProcessEnvironment, freePorts, SupervisedSystem } from '../chaos/src/supervised-system';
import { until } from './support/processes';
import { TestSystem } from './support/test-system';

const SHIPMENTS = 150;

describe('two engines and two publishers under the npm start supervisor', () => {
  const run = `SHP-SCALE-${randomBytes(3).toString('hex')}`;
  let system: TestSystem;
  let started: SupervisedSystem | null = null;

  beforeAll(async () => {
    if (!existsSync(SupervisedSystem.mainScript))
      throw new Error(`${SupervisedSystem.mainScript} is missing: run npm run build first (npm test does)`);
    system = await TestSystem.create('scale', { partitions: 6 });
  });

  afterAll(async () => {
    await started?.stop();
    await system?.close();
  });

  it('given one engine and one publisher killed with SIGKILL under load, then the supervisor restarts both and every shipment gets all its versions, in order, with no conflict', async () => {
    // Engines and publishers serve their probes on PROBE_PORT + i (four ports), the admin API on the fifth.
    const probeBase = await freePorts(5);
    started = new SupervisedSystem(
      appProcessEnvironment(system.config, {
        OUTBOX_POLL_INTERVAL_MS: '50',
        ADMIN_PORT: String(probeBase + 4),
        PROBE_PORT: String(probeBase),
      }),
      { engines: 2, publishers: 2 },
    );
    const s = started;
    const db = await system.db();
    const admin = system.kafka.admin();
    await admin.connect();
    try {
      // Both engines share the triage and every lane: each group has two members.
      await until('two engines in every consumer group', async () => {
        const { groups } = await admin.describeGroups([system.config.engine.groupId, ...Object.values(system.config.engine.laneGroupIds)]);
        return groups.every((g) => g.state === 'Stable' && g.members.length === 2) ? true : undefined;
      });
    } finally {
      await admin.disconnect();
    }
    await until('two publishers holding their share of the outbox', async () => {
      const members = await new OutboxPartitionRepository().members(db.manager);
      return members.length === 2 ? members : undefined;
    });

    const probe = async (port: number, path: string) => {
      try {
        return (await fetch(`http://127.0.0.1:${port}${path}`)).status;
      } catch {
        return 0;
      }
    };
    // Engine #2 and publisher #1 (PROBE_PORT + 1, + 2) are live and ready.
    await until('engine #2 ready', async () => ((await probe(probeBase + 1, '/health/ready')) === 200 ? true : undefined));
    await until('publisher #1 ready', async () => ((await probe(probeBase + 2, '/health/ready')) === 200 ? true : undefined));
    expect(await probe(probeBase + 1, '/health/live')).toBe(200);
    expect(await probe(probeBase + 2, '/health/live')).toBe(200);

    const ids = Array.from({ length: SHIPMENTS }, (_, i) => `${run}-${i}`);
    const produceWave = async (event: (shipmentId: string) => unknown) => {
      for (let i = 0; i < ids.length; i += 50) {
        await system.produce(ids.slice(i, i + 50).map((shipmentId) => ({ key: shipmentId, value: event(shipmentId) })));
      }
    };
    await produceWave((shipmentId) => aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })));

    // Under load: some of the first wave is decided, the rest is on its way.
    await until('the first decisions', async () => {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM decisions WHERE shipment_id LIKE $1', [`${run}-%`]);
      return n > 0 ? n : undefined;
    });
    const killedEngine = s.pidOf('clearance-engine#1')!;
    const killedPublisher = s.pidOf('status-publisher#2')!;
    process.kill(killedEngine, 'SIGKILL');
    process.kill(killedPublisher, 'SIGKILL');

    await produceWave((shipmentId) => aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId, amendment: 1 })));
    await produceWave((shipmentId) => aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })));

    const expected: ExpectedShipment[] = ids.map((shipmentId) => ({ shipmentId, versions: 3, finalStatus: 'RELEASED' }));
    const received = () =>
      ids.flatMap((id) =>
        system
          .statusesOf(id)
          .map((e) => ({ shipmentId: id, version: e.data.version, status: e.data.status, causationId: e.data.causationId })),
      );
    await until(
      'every shipment at version 3',
      () => (ids.every((id) => system.statusesOf(id).some((e) => e.data.version === 3)) ? true : undefined),
      180_000,
    );

    const accounting = account(expected, received(), SHIPMENTS * 3);
    expect(accounting.examples).toEqual([]);
    expect(accounting).toMatchObject({ lost: 0, conflicting: 0, outOfOrder: 0, unexpected: 0, wrongFinalStatus: 0 });
    expect(isClean(accounting)).toBe(true);
    const conflicts = await db.query(
      `SELECT shipment_id, version FROM decisions WHERE shipment_id LIKE $1 GROUP BY shipment_id, version HAVING count(*) > 1`,
      [`${run}-%`],
    );
    expect(conflicts).toEqual([]);

    // The supervisor said what happened and started both again, as new processes.
    expect(s.lines.some((l) => /clearance-engine#1 was killed by SIGKILL after .* restarting it in/.test(l))).toBe(true);
    expect(s.lines.some((l) => /status-publisher#2 was killed by SIGKILL after .* restarting it in/.test(l))).toBe(true);
    await until('both restarted', () =>
      s.pidOf('clearance-engine#1') !== killedEngine && s.pidOf('status-publisher#2') !== killedPublisher ? true : undefined,
    );
    expect(s.pidOf('clearance-engine#2')).toBeDefined();
  });
});
