import { Partitioners } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { PRIORITIES, type Priority } from '@app/contract';
import { aCancellation, aDeclaration, anArrival, aShipmentEvent } from '@app/contract/testing';
import { DLQ_HEADERS, LANE_ORIGIN_HEADERS } from '@app/messaging';
import { OutboxRepository } from '@app/persistence';
import { aStandardDeclaration, unsampledShipmentId } from './support/test-data';
import { TestSystem } from './support/test-system';
import { TopicRecorder } from './support/topic-recorder';

const PARTITIONS = 3;

/** The partition kafkajs's default (Java-compatible) partitioner gives a key on the run's topics. */
function partitionOf(key: string): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  return partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
}

describe('priority lanes: the triage and one consumer per lane', () => {
  let system: TestSystem;
  let lanes: Record<Priority, TopicRecorder>;
  const run = randomBytes(3).toString('hex');

  beforeAll(async () => {
    system = await TestSystem.create('lanes', { partitions: PARTITIONS });
    lanes = Object.fromEntries(
      PRIORITIES.map((lane) => [lane, new TopicRecorder(system.kafka, system.config.topics.lanes[lane])]),
    ) as typeof lanes;
    await Promise.all(Object.values(lanes).map((recorder) => recorder.start()));
    await system.startEngine();
    await system.startPublisher();
  });

  afterAll(async () => {
    await Promise.all(Object.values(lanes ?? {}).map((recorder) => recorder.stop()));
    await system?.close();
  });

  const keysOn = (lane: Priority) => lanes[lane].messages.map((m) => m.key);

  it("given a vaccine shipment and a laptop shipment, when their events come in, then every record of each goes through its shipment's lane, bad ones included", async () => {
    const vaccines = `SHP-LANE-${run}-1`;
    const laptops = unsampledShipmentId(`SHP-LANE-${run}-2`);
    await system.produce([
      { key: vaccines, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: vaccines })) },
      { key: laptops, value: aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(laptops)) },
      { key: vaccines, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId: vaccines })) },
      { key: vaccines, value: 'not json' },
      { key: laptops, value: aShipmentEvent('customs.prearrival.cancelled', aCancellation({ shipmentId: laptops })) },
    ]);

    expect((await system.waitForStatus(vaccines, 2)).data).toMatchObject({ status: 'RELEASED', priority: 'CRITICAL' });
    expect((await system.waitForStatus(laptops, 2)).data).toMatchObject({ status: 'CANCELLED', priority: 'STANDARD' });
    expect(keysOn('CRITICAL').filter((k) => k === vaccines)).toHaveLength(3);
    expect(keysOn('STANDARD').filter((k) => k === laptops)).toHaveLength(2);
    expect([...keysOn('ESSENTIAL'), ...keysOn('STANDARD')]).not.toContain(vaccines);
    expect([...keysOn('CRITICAL'), ...keysOn('ESSENTIAL')]).not.toContain(laptops);
    // Lane records name where they came from; the dead letter names the inbound topic, not the lane.
    const forwarded = lanes.CRITICAL.messages.find((m) => m.key === vaccines)!;
    expect(forwarded.headers[LANE_ORIGIN_HEADERS.topic]).toBe(system.config.topics.shipmentEvents);
    const deadLetter = await system.deadLetters.waitFor('the vaccine shipment dead letter', (all) => all.find((m) => m.key === vaccines));
    expect(system.statusesOf(vaccines).map((e) => e.data.status)).toEqual(['PRE_CLEARED', 'RELEASED']);
    expect(deadLetter.headers[DLQ_HEADERS.sourceTopic]).toBe(system.config.topics.shipmentEvents);
    expect(Object.keys(deadLetter.headers).filter((h) => h.startsWith('lane.'))).toEqual([]);
  });

  it('given a laptop shipment later amended to carry vaccines, when the amendment and the arrival come, then they stay on the STANDARD lane it was first seen on, in order', async () => {
    const shipmentId = unsampledShipmentId(`SHP-LANE-${run}-3`);
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(shipmentId)) }]);
    await system.waitForStatus(shipmentId, 1);
    await system.produce([
      { key: shipmentId, value: aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId, amendment: 1 })) },
      { key: shipmentId, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })) },
    ]);

    await system.waitForStatus(shipmentId, 3);
    expect(system.statusesOf(shipmentId).map((e) => [e.data.version, e.data.status, e.data.priority])).toEqual([
      [1, 'PRE_CLEARED', 'STANDARD'],
      [2, 'PRE_CLEARED', 'CRITICAL'],
      [3, 'RELEASED', 'CRITICAL'],
    ]);
    expect(keysOn('STANDARD').filter((k) => k === shipmentId)).toHaveLength(3);
    expect(keysOn('CRITICAL')).not.toContain(shipmentId);
  });

  it('given the STANDARD lane stuck on a shipment locked in the database, when a vaccine shipment on the same partition is declared, then it is decided and published while the STANDARD lane still waits', async () => {
    const stuck = unsampledShipmentId(`SHP-LANE-${run}-4`);
    await system.produce([{ key: stuck, value: aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(stuck)) }]);
    await system.waitForStatus(stuck, 1);
    let n = 0;
    let vaccines: string;
    do vaccines = `SHP-LANE-${run}-5-${n++}`;
    while (partitionOf(vaccines) !== partitionOf(stuck));

    const db = await system.db();
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT 1 FROM shipments WHERE shipment_id = $1 FOR UPDATE', [stuck]);
      // The arrival's batch waits for the row lock: the STANDARD lane's partition cannot move.
      await system.produce([{ key: stuck, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId: stuck })) }]);
      await lanes.STANDARD.waitFor('the arrival on the STANDARD lane', (all) => all.filter((m) => m.key === stuck).length === 2);
      await system.produce([
        { key: vaccines, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: vaccines })) },
      ]);

      expect((await system.waitForStatus(vaccines, 1)).data).toMatchObject({ status: 'PRE_CLEARED', priority: 'CRITICAL' });
      const [{ n: decided }] = await db.query('SELECT count(*)::int AS n FROM decisions WHERE shipment_id = $1', [stuck]);
      expect(decided).toBe(1);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    expect((await system.waitForStatus(stuck, 2)).data.status).toBe('RELEASED');
  });

  it('given statuses of every lane pending in the outbox, when the publisher reads them, then CRITICAL comes first, ESSENTIAL next, and each lane in id (version) order', async () => {
    const db = await system.db();
    const outbox = new OutboxRepository();
    const topic = `it-outbox-order-${run}`;
    const row = (key: string, lane: Priority) => ({
      topic,
      messageKey: Buffer.from(key),
      messageValue: null,
      headers: {},
      createdAt: new Date(),
      lane,
    });
    await db
      .transaction(async (tx) => {
        await outbox.enqueue(tx, [
          row('laptops v1', 'STANDARD'),
          row('vaccines v1', 'CRITICAL'),
          row('laptops v2', 'STANDARD'),
          row('syringes v1', 'ESSENTIAL'),
          row('vaccines v2', 'CRITICAL'),
        ]);
        const pending = (await outbox.findPending(tx, 100_000)).filter((m) => m.topic === topic);
        expect(pending.map((m) => m.messageKey!.toString())).toEqual([
          'vaccines v1',
          'vaccines v2',
          'syringes v1',
          'laptops v1',
          'laptops v2',
        ]);
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
  });

  it('given the triage forwarded a stretch of records twice (a crash before its offsets were committed), when the lane processes both copies, then the second changes nothing, a bad record without event id included', async () => {
    const shipmentId = unsampledShipmentId(`SHP-LANE-${run}-6`);
    const marker = unsampledShipmentId(`SHP-LANE-${run}-7`);
    const origin = (offset: number) => ({
      [LANE_ORIGIN_HEADERS.topic]: system.config.topics.shipmentEvents,
      [LANE_ORIGIN_HEADERS.partition]: '0',
      [LANE_ORIGIN_HEADERS.offset]: String(900_000 + offset),
    });
    const bad = { key: shipmentId, value: 'not json, no event id', headers: origin(1) };
    const valid = {
      key: shipmentId,
      value: JSON.stringify(aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(shipmentId))),
      headers: origin(2),
    };
    // The marker shares the key (so the partition) and comes last: once it is decided, so is everything before it.
    const last = {
      key: shipmentId,
      value: JSON.stringify(aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(marker))),
      headers: origin(3),
    };
    const producer = system.kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: system.config.topics.lanes.STANDARD, acks: -1, messages: [bad, valid, bad, valid, last] });
    } finally {
      await producer.disconnect();
    }

    // Decided in lane order, but published under different keys (partitions): wait for both.
    await system.waitForStatus(marker, 1);
    await system.waitForStatus(shipmentId, 2);
    expect(system.statusesOf(shipmentId).map((e) => [e.data.version, e.data.status])).toEqual([
      [1, 'REJECTED'],
      [2, 'PRE_CLEARED'],
    ]);
    const db = await system.db();
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM dead_letters WHERE shipment_id = $1', [shipmentId]);
    expect(n).toBe(1);
  });
});
