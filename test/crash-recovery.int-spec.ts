import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { aDeclaration, anArrival, aShipmentEvent } from '@app/contract/testing';
import { engineConsumers } from '@app/config';
import { appProcessEnvironment } from '../chaos/src/supervised-system';
import { until } from './support/processes';
import { TestSystem } from './support/test-system';

const ROOT = join(__dirname, '..');
const ENGINE_MAIN = join(ROOT, 'dist/apps/clearance-engine/src/main.js');

/** Runs the compiled clearance engine as a real process with the test system's configuration. */
function spawnEngine(system: TestSystem): ChildProcess {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/paths.js'), ENGINE_MAIN], {
    cwd: ROOT,
    env: appProcessEnvironment(system.config),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

describe('a process killed between commit and publish', () => {
  const run = `SHP-CRASH-${randomBytes(3).toString('hex')}`;
  let system: TestSystem;
  let engine: ChildProcess | null = null;

  beforeAll(async () => {
    if (!existsSync(ENGINE_MAIN)) throw new Error(`${ENGINE_MAIN} is missing: run npm run build first (npm test does)`);
    system = await TestSystem.create('crash');
  });

  afterAll(async () => {
    engine?.kill('SIGKILL');
    await system?.close();
  });

  it('given decisions committed by an engine killed with SIGKILL before anything was published, when the publisher starts, then every status goes out once, in version order', async () => {
    const shipmentId = `${run}-1`;
    const db = await system.db();
    engine = spawnEngine(system);
    await system.produce([
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) },
      { key: shipmentId, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })) },
    ]);

    // The engine committed both decisions to the outbox; no publisher runs yet.
    await until('two committed decisions', async () => {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM decisions WHERE shipment_id = $1', [shipmentId]);
      return n === 2 ? n : undefined;
    });
    engine.kill('SIGKILL');
    await new Promise((resolve) => engine!.once('exit', resolve));
    engine = null;
    expect(system.statusesOf(shipmentId)).toEqual([]);

    await system.startPublisher();

    await system.waitForStatus(shipmentId, 2);
    expect(system.statusesOf(shipmentId).map((e) => [e.data.version, e.data.status])).toEqual([
      [1, 'PRE_CLEARED'],
      [2, 'RELEASED'],
    ]);
  });

  it('given an engine killed after its commit, when Kafka redelivers everything to the restarted engine, then the redelivered records change nothing', async () => {
    const shipmentId = `${run}-2`;
    const db = await system.db();
    engine = spawnEngine(system);
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) }]);
    await system.waitForStatus(shipmentId, 1);
    engine.kill('SIGKILL');
    await new Promise((resolve) => engine!.once('exit', resolve));

    // Worst case of lost offset commits: the triage's and every lane's offsets go back to the
    // start, so the triage forwards everything again and each lane sees it all twice.
    const consumers = engineConsumers(system.config);
    const admin = system.kafka.admin();
    await admin.connect();
    await until('the dead members to leave their groups', async () => {
      const described = await admin.describeGroups(consumers.map((c) => c.groupId));
      return described.groups.every((g) => ['Empty', 'Dead'].includes(g.state)) ? true : undefined;
    });
    for (const { groupId, topic } of consumers) await admin.resetOffsets({ groupId, topic, earliest: true });
    await admin.disconnect();

    engine = spawnEngine(system);
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })) }]);
    await system.waitForStatus(shipmentId, 2);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM decisions WHERE shipment_id = $1', [shipmentId]);
    expect(n).toBe(2);
    expect(system.statusesOf(shipmentId).map((e) => e.data.status)).toEqual(['PRE_CLEARED', 'RELEASED']);
    // The first test's shipment, also redelivered, did not move either.
    const [{ total }] = await db.query('SELECT count(*)::int AS total FROM decisions WHERE shipment_id LIKE $1', [`${run}-%`]);
    expect(total).toBe(4);
  });
});
