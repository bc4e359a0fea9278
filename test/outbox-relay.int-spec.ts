import { type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { OutboxRepository } from '@app/persistence';
import { StatusPublisherModule } from '../apps/status-publisher/src/status-publisher.module';
import { until } from './support/processes';
import { aStatusOutboxRow } from './support/test-data';
import { TestSystem } from './support/test-system';

/** The outbox of a publisher whose first batch fails after the broker acknowledged it, as a crash before the commit would. */
class OutboxFailingOnceAfterTheSend extends OutboxRepository {
  private failed = false;

  override async deletePublished(tx: EntityManager, ids: string[]): Promise<void> {
    await super.deletePublished(tx, ids);
    if (this.failed) return;
    this.failed = true;
    throw new Error('the publisher stopped between the send and the commit');
  }
}

describe('status publisher: what the broker acknowledged leaves the outbox', () => {
  const run = randomBytes(3).toString('hex');
  let system: TestSystem;
  let publisher: INestApplicationContext | null = null;

  beforeAll(async () => {
    system = await TestSystem.create('outbox-relay');
  });

  afterAll(async () => {
    await publisher?.close();
    await system?.close();
  });

  it('given a batch sent but its delete rolled back (a crash before the commit), then it is sent again, in order, and deleted once a batch commits', async () => {
    const shipmentId = `SHP-RESENT-${run}`;
    const db = await system.db();
    const rows = [1, 2, 3].map((version) => aStatusOutboxRow(system.config.topics.clearanceStatus, shipmentId, version));
    await new OutboxRepository().enqueue(db.manager, rows);

    const module = await Test.createTestingModule({ imports: [StatusPublisherModule.forRoot(system.config)] })
      .overrideProvider(OutboxRepository)
      .useValue(new OutboxFailingOnceAfterTheSend())
      .compile();
    module.useLogger(false);
    publisher = await module.init();

    // At least once: the first send reached the topic, its rows stayed, and the next batch sent them again.
    await until('the batch on the topic twice', () => (system.statusesOf(shipmentId).length >= 6 ? true : undefined), 20_000);
    await until('the rows deleted from the outbox', async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE message_key = $1`, [Buffer.from(shipmentId)]);
      return n === 0 ? true : undefined;
    });
    expect(system.statusesOf(shipmentId).map((e) => e.data.version)).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
