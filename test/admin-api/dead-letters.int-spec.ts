import { randomBytes } from 'node:crypto';
import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { DLQ_HEADERS, REPLAYED_FROM_DEAD_LETTER_HEADER } from '@app/messaging';
import { type AdminApiClient } from '../support/admin-api-client';
import { TestSystem } from '../support/test-system';

interface DeadLetterItem {
  id: string;
  shipmentId: string | null;
  value: string | null;
  valueEncoding: string | null;
  valueBytes: number | null;
  valueOmitted: boolean;
  replayCount: number;
  replayedAt: string | null;
}

describe('admin API: dead letters', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const run = randomBytes(4).toString('hex');
  let n = 0;
  const newShipmentId = () => `SHP-IT-DL-${run}-${++n}`;

  /** A dead letter as the engine would have stored it, without going through Kafka. */
  /** A dead letter written directly, at a position no real record has (the engine recognises dead letters by position). */
  async function insertDeadLetter(shipmentId: string, value: Buffer | null, headers: Record<string, string> = {}): Promise<string> {
    const [row] = await (
      await system.db()
    ).query(
      `INSERT INTO dead_letters (source_topic, kafka_partition, kafka_offset, message_key, message_value, headers, error_kind, errors, shipment_id, received_at)
       VALUES ($1, -1, -1, $2, $3, $4, 'PROCESSING_FAILED', $5, $6, now()) RETURNING id`,
      [
        system.config.topics.shipmentEvents,
        Buffer.from(shipmentId),
        value,
        headers,
        JSON.stringify([{ path: '$', message: 'processing failed' }]),
        shipmentId,
      ],
    );
    return String(row.id);
  }

  async function findDeadLetter(shipmentId: string): Promise<DeadLetterItem> {
    const page = await (await api.as('viewer')).get('/api/v1/dead-letters?limit=50').expect(200);
    const item = page.body.items.find((d: DeadLetterItem) => d.shipmentId === shipmentId);
    if (!item) throw new Error(`No dead letter of ${shipmentId} on the first page`);
    return item;
  }

  beforeAll(async () => {
    system = await TestSystem.create('admin-dead-letters');
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given a bad record, when listed, then it is there with its errors, key, text value and no replay yet', async () => {
    const shipmentId = newShipmentId();
    await system.produce([{ key: shipmentId, value: '{"this is": "not a cloud event"', headers: { traceparent: `00-${run}-01` } }]);
    await system.deadLetters.waitFor('the bad record', (messages) => messages.some((m) => m.key === shipmentId));

    const item = await findDeadLetter(shipmentId);

    expect(item).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      sourceTopic: system.config.topics.shipmentEvents,
      partition: expect.any(Number),
      offset: expect.stringMatching(/^\d+$/),
      key: shipmentId,
      keyEncoding: 'utf8',
      value: '{"this is": "not a cloud event"',
      valueEncoding: 'utf8',
      valueBytes: '{"this is": "not a cloud event"'.length,
      valueOmitted: false,
      errorKind: expect.any(String),
      errors: expect.arrayContaining([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })]),
      shipmentId,
      eventId: null,
      receivedAt: expect.any(String),
      replayedAt: null,
      replayCount: 0,
    });
  });

  it('given a still-bad dead letter, when an operator replays it, then it comes back through Kafka, is dead-lettered again and the replay is counted and audited', async () => {
    const shipmentId = newShipmentId();
    await system.produce([{ key: shipmentId, value: 'not json at all', headers: { traceparent: `00-${run}-02` } }]);
    await system.deadLetters.waitFor('the bad record', (messages) => messages.some((m) => m.key === shipmentId));
    const original = await findDeadLetter(shipmentId);

    const replay = await (await api.as('operator')).post(`/api/v1/dead-letters/${original.id}/replay`).expect(202);

    expect(replay.body).toEqual({ id: original.id, replayedAt: expect.any(String), replayCount: 1 });
    const again = await system.deadLetters.waitFor('the replayed record, dead-lettered again', (messages) =>
      messages.find((m) => m.headers[REPLAYED_FROM_DEAD_LETTER_HEADER] === original.id),
    );
    expect(again.key).toBe(shipmentId);
    expect(again.value!.toString()).toBe('not json at all');
    // Its own headers travel with it; the dlq.* ones are those of the new failure only.
    expect(again.headers).toMatchObject({ traceparent: `00-${run}-02`, [DLQ_HEADERS.sourceTopic]: system.config.topics.shipmentEvents });
    const rows = await (await system.db()).query('SELECT id, headers FROM dead_letters WHERE shipment_id = $1 ORDER BY id', [shipmentId]);
    expect(rows).toHaveLength(2);
    expect(rows[1].headers).toEqual({ traceparent: `00-${run}-02`, [REPLAYED_FROM_DEAD_LETTER_HEADER]: original.id });
    const listed = await findDeadLetter(shipmentId); // newest first: the new one
    expect(listed.id).toBe(String(rows[1].id));
    const page = await (await api.as('viewer')).get('/api/v1/dead-letters?limit=50').expect(200);
    expect(page.body.items.find((d: DeadLetterItem) => d.id === original.id)).toMatchObject({
      replayCount: 1,
      replayedAt: replay.body.replayedAt,
    });

    const second = await (await api.as('operator')).post(`/api/v1/dead-letters/${original.id}/replay`).expect(202);
    expect(second.body.replayCount).toBe(2);
    const audit = await (await api.as('admin')).get('/api/v1/audit-log?limit=5').expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'dead-letter.replay',
      targetType: 'dead-letter',
      targetId: original.id,
      before: { replayCount: 1 },
      after: expect.objectContaining({ replayCount: 2, topic: system.config.topics.shipmentEvents }),
    });
  });

  it('given a dead letter whose cause was fixed (a valid event), when replayed, then the engine decides it and the status is published', async () => {
    const shipmentId = newShipmentId();
    const event = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }));
    const id = await insertDeadLetter(shipmentId, Buffer.from(JSON.stringify(event)), {
      [DLQ_HEADERS.errorKind]: 'PROCESSING_FAILED',
      traceparent: 'x',
    });

    await (await api.as('operator')).post(`/api/v1/dead-letters/${id}/replay`).expect(202);

    const status = await system.waitForStatus(shipmentId, 1);
    expect(status.data).toMatchObject({ status: 'PRE_CLEARED', decidedBy: 'ENGINE', causationId: event.id });
  });

  it('given binary or long values, when listed, then binary ones are base64 and those over 16 KiB are left out with their size; by id they are whole', async () => {
    const viewer = await api.as('viewer');
    const binary = newShipmentId();
    await system.produce([{ key: binary, value: Buffer.from([0xff, 0xfe, 0x00, 0x80]) }]);
    await system.deadLetters.waitFor('the binary record', (messages) => messages.some((m) => m.key === binary));
    const listable = newShipmentId();
    await insertDeadLetter(listable, Buffer.from('x'.repeat(16 * 1024)));
    const tooLongToList = newShipmentId();
    const tooLongValue = Buffer.from('y'.repeat(16 * 1024 + 1));
    const tooLongId = await insertDeadLetter(tooLongToList, tooLongValue);
    const big = newShipmentId();
    const bigValue = Buffer.from('x'.repeat(64 * 1024 + 1));
    const bigId = await insertDeadLetter(big, bigValue);
    const exactly = newShipmentId();
    const exactlyId = await insertDeadLetter(exactly, Buffer.from('é'.repeat(32 * 1024)));
    const none = newShipmentId();
    const noneId = await insertDeadLetter(none, null);

    expect(await findDeadLetter(binary)).toMatchObject({
      value: Buffer.from([0xff, 0xfe, 0x00, 0x80]).toString('base64'),
      valueEncoding: 'base64',
      valueBytes: 4,
      valueOmitted: false,
    });
    expect(await findDeadLetter(listable)).toMatchObject({
      value: 'x'.repeat(16 * 1024),
      valueEncoding: 'utf8',
      valueBytes: 16 * 1024,
      valueOmitted: false,
    });
    expect(await findDeadLetter(tooLongToList)).toMatchObject({
      value: null,
      valueEncoding: null,
      valueBytes: 16 * 1024 + 1,
      valueOmitted: true,
    });
    expect(await findDeadLetter(big)).toMatchObject({ value: null, valueEncoding: null, valueBytes: 64 * 1024 + 1, valueOmitted: true });
    expect(await findDeadLetter(none)).toMatchObject({ value: null, valueEncoding: null, valueBytes: null, valueOmitted: false });

    const tooLong = await viewer.get(`/api/v1/dead-letters/${tooLongId}`).expect(200);
    expect(tooLong.body).toMatchObject({
      id: tooLongId,
      shipmentId: tooLongToList,
      key: tooLongToList,
      value: tooLongValue.toString(),
      valueEncoding: 'utf8',
      valueOmitted: false,
    });
    expect((await viewer.get(`/api/v1/dead-letters/${bigId}`).expect(200)).body).toMatchObject({
      value: bigValue.toString('base64'),
      valueEncoding: 'base64',
      valueBytes: 64 * 1024 + 1,
      valueOmitted: false,
    });
    expect((await viewer.get(`/api/v1/dead-letters/${exactlyId}`).expect(200)).body).toMatchObject({
      value: 'é'.repeat(32 * 1024),
      valueEncoding: 'utf8',
      valueBytes: 64 * 1024,
    });
    expect((await viewer.get(`/api/v1/dead-letters/${noneId}`).expect(200)).body).toMatchObject({
      value: null,
      valueEncoding: null,
      valueBytes: null,
      valueOmitted: false,
    });
  });

  it('given many dead letters, when paged, then newest first with a cursor to the next page', async () => {
    const viewer = await api.as('viewer');
    const first = await viewer.get('/api/v1/dead-letters?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(Number(first.body.items[0].id)).toBeGreaterThan(Number(first.body.items[1].id));
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await viewer.get(`/api/v1/dead-letters?limit=2&cursor=${first.body.nextCursor}`).expect(200);

    expect(Number(second.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));
  });

  it('given bad paging or ids, then 400 naming the field; an unknown id is 404', async () => {
    const operator = await api.as('operator');
    const forged = Buffer.from(JSON.stringify({ before: '99999999999999999999' })).toString('base64url');
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=100000000', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=%27%20OR%201%3D1--', 'cursor'],
      [`cursor=${forged}`, 'cursor'],
      ['offset=3', 'offset'],
    ]) {
      const response = await operator.get(`/api/v1/dead-letters?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999', "1'%20OR%20'1'='1"]) {
      const response = await operator.post(`/api/v1/dead-letters/${id}/replay`);
      expect({ id, status: response.status }).toEqual({ id, status: 400 });
    }
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999', "1'%20OR%20'1'='1"]) {
      const response = await operator.get(`/api/v1/dead-letters/${id}`);
      expect({ id, status: response.status }).toEqual({ id, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('id');
    }
    await operator.post('/api/v1/dead-letters/999999999999/replay').expect(404);
    await operator.get('/api/v1/dead-letters/999999999999').expect(404);
  });

  it('given no key or a viewer key, then 401, and 403 for a replay', async () => {
    await api.anonymous().get('/api/v1/dead-letters').expect(401);
    await api.anonymous().get('/api/v1/dead-letters/1').expect(401);
    await api.anonymous().post('/api/v1/dead-letters/1/replay').expect(401);
    await (await api.as('viewer')).post('/api/v1/dead-letters/1/replay').expect(403);
    await (await api.as('viewer')).get('/api/v1/dead-letters').expect(200);
  });
});
