import { randomBytes } from 'node:crypto';
import { ConfigResourceTypes } from 'kafkajs';
import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { DLQ_HEADERS } from '@app/messaging';
import { type NewOutboxMessage, OutboxRepository } from '@app/persistence';
import { type AdminApiClient } from './support/admin-api-client';
import { until } from './support/processes';
import { aStatusOutboxRow } from './support/test-data';
import { TestSystem } from './support/test-system';

/** The status topic of this test refuses records over 8 KiB; a status is a few hundred bytes. */
const STATUS_TOPIC_MAX_MESSAGE_BYTES = 8192;

interface RefusedItem {
  id: string;
  topic: string;
  shipmentId: string | null;
  keyBytes: number | null;
  valueBytes: number | null;
  lane: string;
  refusalCode: string;
  refusalError: string;
  createdAt: string;
  refusedAt: string;
}

describe('status publisher: a record the broker refuses for good', () => {
  const run = randomBytes(3).toString('hex');
  let system: TestSystem;
  let api: AdminApiClient;

  const statusRow = (shipmentId: string, version: number, padding = 0) =>
    aStatusOutboxRow(system.config.topics.clearanceStatus, shipmentId, version, padding);

  function deadLetterRow(key: string, valueBytes: number): NewOutboxMessage {
    return {
      topic: system.config.topics.deadLetter,
      messageKey: Buffer.from(key),
      messageValue: Buffer.alloc(valueBytes, 'x'),
      headers: { [DLQ_HEADERS.errorKind]: 'NOT_JSON' },
      createdAt: new Date(),
      lane: 'STANDARD',
    };
  }

  beforeAll(async () => {
    system = await TestSystem.create('outbox-refusals');
    const admin = system.kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: system.config.topics.clearanceStatus,
          configEntries: [{ name: 'max.message.bytes', value: String(STATUS_TOPIC_MAX_MESSAGE_BYTES) }],
        },
      ],
    });
    await admin.disconnect();
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given a status version and a dead letter too large for their topics among good rows, when relayed, then they are set aside, listed and counted, and every other row is published in order', async () => {
    const shipmentId = `SHP-REFUSED-${run}`;
    const otherShipmentId = `SHP-AROUND-${run}`;
    const db = await system.db();
    const outbox = new OutboxRepository();
    // One outbox batch: the oversized version 2 sits between versions 1 and 3 of its shipment, and
    // the dead letter over the DLQ topic's 2 MiB between two small ones.
    await outbox.enqueue(db.manager, [
      statusRow(shipmentId, 1),
      statusRow(otherShipmentId, 1),
      statusRow(shipmentId, 2, STATUS_TOPIC_MAX_MESSAGE_BYTES),
      statusRow(otherShipmentId, 2),
      statusRow(shipmentId, 3),
      deadLetterRow(`DL-BEFORE-${run}`, 10),
      deadLetterRow(`DL-HUGE-${run}`, 2 * 1024 * 1024 + 1),
      deadLetterRow(`DL-AFTER-${run}`, 10),
    ]);

    await system.startPublisher();

    await system.waitForStatus(shipmentId, 3);
    await system.waitForStatus(otherShipmentId, 2);
    await system.deadLetters.waitFor('the dead letter after the huge one', (messages) => messages.some((m) => m.key === `DL-AFTER-${run}`));
    expect(system.statusesOf(shipmentId).map((e) => e.data.version)).toEqual([1, 3]);
    expect(system.statusesOf(otherShipmentId).map((e) => e.data.version)).toEqual([1, 2]);
    expect(system.deadLetters.messages.map((m) => m.key)).toEqual([`DL-BEFORE-${run}`, `DL-AFTER-${run}`]);

    // What the broker acknowledged is deleted from the outbox in the transaction that sent it (it
    // may commit just after the records reach the topic); what it refused stays, for operators.
    const rows = await until('the outbox to keep only the refused rows', async () => {
      const left: { key: string; refusal_code: string | null }[] = await db.query(
        `SELECT convert_from(message_key, 'UTF8') AS key, refusal_code
         FROM outbox WHERE refused_at IS NOT NULL OR convert_from(message_key, 'UTF8') LIKE $1 ORDER BY id`,
        [`%${run}`],
      );
      return left.every((r) => r.refusal_code !== null) ? left : undefined;
    });
    expect(rows).toEqual([
      { key: shipmentId, refusal_code: 'MESSAGE_TOO_LARGE' },
      { key: `DL-HUGE-${run}`, refusal_code: 'MESSAGE_TOO_LARGE' },
    ]);
    expect(await outbox.countPending(db.manager)).toBe(0);

    const viewer = await api.as('viewer');
    const page = await viewer.get('/api/v1/outbox/refused').expect(200);
    const items = page.body.items as RefusedItem[];
    expect(items).toHaveLength(2);
    // Newest first: the dead letter was written after the status.
    expect(items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      topic: system.config.topics.deadLetter,
      shipmentId: `DL-HUGE-${run}`,
      keyBytes: `DL-HUGE-${run}`.length,
      valueBytes: 2 * 1024 * 1024 + 1,
      lane: 'STANDARD',
      refusalCode: 'MESSAGE_TOO_LARGE',
      refusalError: expect.stringContaining('larger than the max message size'),
      createdAt: expect.any(String),
      refusedAt: expect.any(String),
    });
    expect(items[1]).toMatchObject({
      topic: system.config.topics.clearanceStatus,
      shipmentId,
      keyBytes: shipmentId.length,
      lane: 'CRITICAL',
      refusalCode: 'MESSAGE_TOO_LARGE',
    });
    expect(items[1].valueBytes).toBeGreaterThan(STATUS_TOPIC_MAX_MESSAGE_BYTES);
    expect(page.body.nextCursor).toBeNull();

    // Paged like the other lists.
    const first = await viewer.get('/api/v1/outbox/refused?limit=1').expect(200);
    expect(first.body.items.map((i: RefusedItem) => i.id)).toEqual([items[0].id]);
    const second = await viewer.get(`/api/v1/outbox/refused?limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((i: RefusedItem) => i.id)).toEqual([items[1].id]);
    expect(second.body.nextCursor).toBeNull();
    const badCursor = await viewer.get('/api/v1/outbox/refused?cursor=not-a-cursor').expect(400);
    expect(JSON.stringify(badCursor.body)).toContain('cursor');
    await viewer.get('/api/v1/outbox/refused?limit=0').expect(400);
    await api.anonymous().get('/api/v1/outbox/refused').expect(401);

    // Counted in the publisher's metrics (stored as a snapshot every few seconds, served by the admin app).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const metrics = (await api.anonymous().get('/metrics').expect(200)).text;
      const series = metrics
        .split('\n')
        .filter((line) => line.startsWith('clearance_outbox_refused_total{') && line.includes('code="MESSAGE_TOO_LARGE"'));
      const total = series.reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
      if (total === 2) break;
      if (Date.now() > deadline) throw new Error(`clearance_outbox_refused_total did not reach 2: ${series.join('; ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  it('given rows were set aside, when the engine decides a new declaration, then the relay goes on publishing', async () => {
    await system.startEngine();
    const shipmentId = `SHP-AFTER-${run}`;
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId })) }]);
    const status = await system.waitForStatus(shipmentId, 1);
    expect(status.subject).toBe(shipmentId);
  });

  it('given the OpenAPI document, then it describes the list of refused records', async () => {
    const doc = await api.anonymous().get('/docs-json').expect(200);
    const operation = doc.body.paths['/api/v1/outbox/refused'].get;
    expect(operation.summary).toMatch(/refused/);
    expect(operation.responses['200'].content['application/json'].schema.$ref).toMatch(/RefusedOutboxPage$/);
  });
});
