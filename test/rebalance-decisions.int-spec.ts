import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { aDeclaration, anArrival, aShipmentEvent, toRecordValue } from '@app/contract/testing';
import { type InboundBatch, type InboundRecord } from '@app/messaging';
import { ProcessShipmentEventBatch } from '../apps/clearance-engine/src/application/process-shipment-event-batch';
import { ClearanceEngineModule } from '../apps/clearance-engine/src/clearance-engine.module';
import { TestSystem } from './support/test-system';

/**
 * A rebalance in the middle of a batch: the partition's old owner is still deciding records when
 * its new owner is handed the same ones (from the last committed offset). Two engines decide the
 * same records at the same time, on the real database; the engine's transaction (the partition's
 * progress locked, events recognised by source and id) must leave one decision per version.
 */
describe('two engines handed the same lane records at once (a rebalance mid-batch)', () => {
  const run = `SHP-REBAL-${randomBytes(3).toString('hex')}`;
  let system: TestSystem;
  const engines: INestApplicationContext[] = [];

  beforeAll(async () => {
    system = await TestSystem.create('rebalance');
    for (let i = 0; i < 2; i++) {
      engines.push(await NestFactory.createApplicationContext(ClearanceEngineModule.forRoot(system.config), { logger: ['error'] }));
    }
  });

  afterAll(async () => {
    for (const engine of engines) await engine.close();
    await system?.close();
  });

  /** Each shipment submitted, amended and arrived, as consecutive records of one lane partition. */
  function laneRecords(shipmentIds: string[]): InboundRecord[] {
    const topic = system.config.topics.lanes.CRITICAL;
    const events = shipmentIds.flatMap((shipmentId) => [
      aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })),
      aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId, amendment: 1 })),
      aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })),
    ]);
    return events.map((event, offset) => ({
      topic,
      partition: 0,
      offset: String(offset),
      key: Buffer.from(event.data.shipmentId),
      value: toRecordValue(event),
      headers: {},
      timestamp: String(Date.now()),
      origin: { topic: system.config.topics.shipmentEvents, partition: 0, offset: String(offset) },
    }));
  }

  const batchOf = (records: InboundRecord[]): InboundBatch => ({
    topic: records[0].topic,
    partition: 0,
    highWatermark: String(Number(records.at(-1)!.offset) + 1),
    records,
  });

  it('given the old owner deciding a batch while the new owner decides it again, and an overlapping one, then every version is decided once and in order', async () => {
    const shipmentIds = Array.from({ length: 20 }, (_, i) => `${run}-${i}`);
    const records = laneRecords(shipmentIds);
    const [oldOwner, newOwner] = engines.map((engine) => engine.get(ProcessShipmentEventBatch));

    // The same records at once, and a later batch overlapping the first's second half.
    await Promise.all([
      oldOwner.execute([batchOf(records.slice(0, 40))]),
      newOwner.execute([batchOf(records.slice(0, 40))]),
      newOwner.execute([batchOf(records.slice(20))]),
    ]);
    // Everything again: a redelivery after both committed changes nothing.
    await oldOwner.execute([batchOf(records)]);

    const db = await system.db();
    const decisions: { shipment_id: string; version: number; status: string }[] = await db.query(
      'SELECT shipment_id, version, status FROM decisions WHERE shipment_id LIKE $1 ORDER BY shipment_id, version',
      [`${run}-%`],
    );
    const byShipment = new Map<string, string[]>();
    for (const d of decisions) byShipment.set(d.shipment_id, [...(byShipment.get(d.shipment_id) ?? []), `${d.version}:${d.status}`]);
    expect(byShipment.size).toBe(shipmentIds.length);
    for (const id of shipmentIds) expect([id, byShipment.get(id)]).toEqual([id, ['1:PRE_CLEARED', '2:PRE_CLEARED', '3:RELEASED']]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND convert_from(message_key, 'UTF8') LIKE $2`, [
      system.config.topics.clearanceStatus,
      `${run}-%`,
    ]);
    expect(n).toBe(shipmentIds.length * 3);
  });
});
