import { CompressionTypes } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { type ClearanceStatusEvent } from '@app/contract';
import { aCancellation, aDeclaration, anArrival, aShipmentEvent } from '@app/contract/testing';
import { loadAppConfig } from '@app/config';
import { createKafkaClient, DLQ_HEADERS } from '@app/messaging';
import { type AdminApiClient } from './support/admin-api-client';
import { aStandardDeclaration, unsampledShipmentId } from './support/test-data';
import { integrationEnvironment, TestSystem } from './support/test-system';

const MiB = 1024 * 1024;
/** What a watchlist entry and an operator write for customs alone: none of it may reach the trade. */
const INTELLIGENCE = `RILO alert HOSTILE-${randomBytes(4).toString('hex')}`;
const OPERATOR_NOTE = `internal note ${randomBytes(4).toString('hex')}: tip-off from the port authority`;

/**
 * Producers as they are out there: every codec, records too large once decompressed, garbage
 * under real keys, sources that do not own the shipment, intelligence that must stay inside.
 * One partition, so each hostile record sits in front of the CRITICAL declaration that follows
 * it, which must still get its status.
 */
describe('hostile and foreign producers', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const run = randomBytes(3).toString('hex');
  let n = 0;
  const nextId = (what: string) => `SHP-HOSTILE-${run}-${what}-${++n}`;
  const declared = (shipmentId: string, amendment = 0, overrides = {}) =>
    aShipmentEvent(
      amendment === 0 ? 'customs.prearrival.submitted' : 'customs.prearrival.amended',
      aDeclaration({ shipmentId, amendment, ...overrides }),
    );

  /** A valid CRITICAL declaration produced after the hostile records gets its status: nothing is stuck. */
  async function expectStillDeciding(): Promise<void> {
    const probe = nextId('probe');
    await system.produce([{ key: probe, value: declared(probe) }]);
    expect((await system.waitForStatus(probe)).data).toMatchObject({ status: 'PRE_CLEARED', priority: 'CRITICAL' });
  }

  const deadLetterOf = (key: string, kind: string) =>
    system.deadLetters.waitFor(`a ${kind} dead letter for ${key}`, (all) =>
      all.find((m) => m.key === key && m.headers[DLQ_HEADERS.errorKind] === kind),
    );

  beforeAll(async () => {
    system = await TestSystem.create('hostile', { partitions: 1, env: { KAFKA_MAX_DECOMPRESSED_BATCH_BYTES: String(8 * MiB) } });
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    await (await system?.db())?.query('DELETE FROM watchlist_entries WHERE reason = $1', [INTELLIGENCE]);
    await system?.close();
  });

  it.each([
    ['gzip', CompressionTypes.GZIP],
    ['snappy', CompressionTypes.Snappy],
    ['lz4', CompressionTypes.LZ4],
    ['zstd', CompressionTypes.ZSTD],
  ])(
    'given a declaration compressed with %s, when produced, then it is decided as if it were not compressed',
    async (_codec, compression) => {
      const shipmentId = nextId('codec');
      await system.produce([{ key: shipmentId, value: declared(shipmentId) }], compression);
      expect((await system.waitForStatus(shipmentId)).data).toMatchObject({ status: 'PRE_CLEARED', priority: 'CRITICAL' });
    },
  );

  it('given a gzip record that decompresses past what is carried, in one batch with a valid declaration, then it alone is dead-lettered and the declaration decided', async () => {
    const bomb = nextId('bomb');
    const behind = nextId('behind');
    // ~3 KB on the wire, 3 MiB decompressed: accepted by the inbound topic, too large for a lane.
    const zeros = Buffer.alloc(3 * MiB, '0');
    await system.produce(
      [
        { key: bomb, value: zeros },
        { key: behind, value: declared(behind) },
      ],
      CompressionTypes.GZIP,
    );
    expect((await system.waitForStatus(behind)).data.status).toBe('PRE_CLEARED');
    const deadLetter = await deadLetterOf(bomb, 'RECORD_TOO_LARGE');
    expect(deadLetter.value).toBeNull();
    expect(deadLetter.headers[DLQ_HEADERS.errorMessage]).toMatch(/decompresses to \d+ bytes/);
    // Nobody declared it: REJECTED, as for any bad event naming an unknown shipment.
    expect((await system.waitForStatus(bomb)).data).toMatchObject({ status: 'REJECTED', reasons: [{ code: 'VALIDATION_ERROR' }] });
    await expectStillDeciding();
  });

  it('given a zstd batch decompressing past the batch bound, when produced, then its records are dead-lettered and the partition moves on', async () => {
    const bomb = nextId('zstd-bomb');
    await system.produce([{ key: bomb, value: Buffer.alloc(16 * MiB, 'x') }], CompressionTypes.ZSTD);
    await deadLetterOf(bomb, 'RECORD_TOO_LARGE');
    await expectStillDeciding();
  });

  it('given garbage under the key of a validly declared shipment, then it is dead-lettered and the shipment keeps its status (no REJECTED)', async () => {
    const shipmentId = nextId('garbage');
    await system.produce([{ key: shipmentId, value: declared(shipmentId) }]);
    await system.waitForStatus(shipmentId);
    await system.produce([
      { key: shipmentId, value: 'garbage \u0000 not json' },
      {
        key: shipmentId,
        value: { specversion: '1.0', id: `bad-${shipmentId}`, source: 'urn:x', type: 'customs.prearrival.amended', data: { shipmentId } },
      },
    ]);
    await deadLetterOf(shipmentId, 'NOT_JSON');
    await deadLetterOf(shipmentId, 'INVALID_DATA');
    await expectStillDeciding();
    expect(system.statusesOf(shipmentId).map((e) => e.data.status)).toEqual(['PRE_CLEARED']);
    // The shipment's history shows the dead letters.
    const detail = await (await api.as('viewer')).get(`/api/v1/shipments/${shipmentId}`).expect(200);
    expect(JSON.stringify(detail.body)).toContain('NOT_JSON');
  });

  it('given a vaccine shipment, when another source sends a cancellation and an amendment for it, then both are dead-lettered as SOURCE_MISMATCH and nothing changes', async () => {
    const shipmentId = nextId('foreign');
    await system.produce([{ key: shipmentId, value: declared(shipmentId) }]);
    await system.waitForStatus(shipmentId);
    const foreign = 'urn:border:XX:not-the-declarant';
    await system.produce([
      { key: shipmentId, value: { ...aShipmentEvent('customs.prearrival.cancelled', aCancellation({ shipmentId })), source: foreign } },
      { key: shipmentId, value: { ...declared(shipmentId, 1, { documents: [] }), source: foreign } },
      { key: shipmentId, value: { ...aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })), source: foreign } },
    ]);
    await system.deadLetters.waitFor('three SOURCE_MISMATCH dead letters', (all) =>
      all.filter((m) => m.key === shipmentId && m.headers[DLQ_HEADERS.errorKind] === 'SOURCE_MISMATCH').length === 3 ? true : undefined,
    );
    await expectStillDeciding();
    expect(system.statusesOf(shipmentId).map((e) => e.data.status)).toEqual(['PRE_CLEARED']);
  });

  it('given an event resent by another source with the same id, then it is not taken for a duplicate', async () => {
    const shipmentId = nextId('same-id');
    const original = declared(shipmentId);
    await system.produce([{ key: shipmentId, value: original }]);
    await system.waitForStatus(shipmentId);
    await system.produce([{ key: shipmentId, value: { ...declared(shipmentId, 1), id: original.id, source: 'urn:border:XX:other' } }]);
    await deadLetterOf(shipmentId, 'SOURCE_MISMATCH');
  });

  it('given a watchlist match, then the shipment is HELD and no status record carries anything of the entry', async () => {
    const shipmentId = nextId('watched');
    const partyId = `WATCHED-${run}`;
    const consignee = { id: partyId, name: `Watched Clinic ${run}`, country: 'ID', type: 'HEALTHCARE_PROVIDER' as const };
    await (await api.as('operator')).post('/api/v1/watchlist').send({ kind: 'PARTY', value: partyId, reason: INTELLIGENCE }).expect(201);
    await system.produce([{ key: shipmentId, value: declared(shipmentId, 0, { parties: { ...aDeclaration().parties, consignee } }) }]);
    const status = await system.waitForStatus(shipmentId);
    expect(status.data.status).toBe('HELD');
    expect(status.data.reasons.map((r) => r.code)).toContain('CUSTOMS_CONTROL');
    // Customs sees why.
    const detail = await (await api.as('viewer')).get(`/api/v1/shipments/${shipmentId}`).expect(200);
    expect(JSON.stringify(detail.body)).toContain('WATCHLIST_MATCH');
    // A clean amendment (another consignee) does not undo the watchlist's hold.
    await system.produce([{ key: shipmentId, value: declared(shipmentId, 1) }]);
    expect((await system.waitForStatus(shipmentId, 2)).data).toMatchObject({
      status: 'HELD',
      reasons: expect.arrayContaining([expect.objectContaining({ code: 'HOLD_KEPT' })]),
    });
    await expectStillDeciding();
  });

  it('given an operator hold, when a clean amendment and then the arrival come, then the shipment stays HELD until an officer moves it', async () => {
    const shipmentId = nextId('held');
    await system.produce([{ key: shipmentId, value: declared(shipmentId) }]);
    await system.waitForStatus(shipmentId);
    const operator = await api.as('operator');
    const held = await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'HELD', reason: OPERATOR_NOTE });
    expect(held.status).toBe(201);
    expect((await system.waitForStatus(shipmentId, 2)).data.reasons).toEqual([
      expect.objectContaining({ code: 'OPERATOR_DECISION', message: 'Decided by a customs officer.' }),
    ]);

    await system.produce([
      { key: shipmentId, value: declared(shipmentId, 1) },
      { key: shipmentId, value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId })) },
    ]);
    expect((await system.waitForStatus(shipmentId, 3)).data.status).toBe('HELD');
    const detail = await (await api.as('viewer')).get(`/api/v1/shipments/${shipmentId}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'HELD', hold: 'OPERATOR', ownerSource: 'urn:border:ID:CGK:cargo-community', amendment: 1 });
    await expectStillDeciding();
    expect(system.statusesOf(shipmentId).map((e) => e.data.status)).toEqual(['PRE_CLEARED', 'HELD', 'HELD']);

    // Released by an officer with a reason for the trade.
    await operator
      .post(`/api/v1/shipments/${shipmentId}/decisions`)
      .send({ status: 'RELEASED', reason: OPERATOR_NOTE, publicReason: 'Inspection passed' })
      .expect(201);
    expect((await system.waitForStatus(shipmentId, 4)).data).toMatchObject({
      status: 'RELEASED',
      reasons: [{ code: 'OPERATOR_DECISION', message: 'Inspection passed' }],
    });
  });

  it('given everything above, then the status topic holds no watchlist or operator-internal text, in values or headers', async () => {
    await expectStillDeciding();
    for (const record of system.statuses.messages) {
      const text = `${record.value?.toString() ?? ''} ${JSON.stringify(record.headers)}`;
      expect(text).not.toContain(INTELLIGENCE);
      expect(text).not.toContain('RILO');
      expect(text).not.toContain(OPERATOR_NOTE);
      expect(text).not.toContain('WATCHLIST_MATCH');
      const event = JSON.parse(record.value!.toString()) as ClearanceStatusEvent;
      expect(event.data.reasons.length).toBeGreaterThan(0);
    }
  });
});

describe('a lane that refuses what the triage forwards', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // The STANDARD lane created beforehand with a limit below an ordinary declaration: the broker
    // refuses every such record the triage forwards there, for good.
    const run = `refusing-${randomBytes(3).toString('hex')}`;
    const standardLane = `it.${run}.shipment-events.lane.standard`;
    const admin = createKafkaClient(loadAppConfig(integrationEnvironment()).kafka, 'it-admin').admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: standardLane, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '1024' }] }],
    });
    await admin.disconnect();
    system = await TestSystem.create('refusing', { partitions: 1, run });
    await system.startEngine();
    await system.startPublisher();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given a STANDARD declaration the lane refuses, then it is dead-lettered as REFUSED_BY_BROKER and a vaccine behind it is decided', async () => {
    const refused = unsampledShipmentId(`SHP-REFUSED`);
    const vaccine = `SHP-REFUSED-V-${randomBytes(3).toString('hex')}`;
    await system.produce([
      { key: refused, value: aShipmentEvent('customs.prearrival.submitted', aStandardDeclaration(refused)) },
      { key: vaccine, value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId: vaccine })) },
    ]);
    expect((await system.waitForStatus(vaccine)).data.status).toBe('PRE_CLEARED');
    const deadLetter = await system.deadLetters.waitFor('the refused record', (all) => all.find((m) => m.key === refused));
    expect(deadLetter.headers[DLQ_HEADERS.errorKind]).toBe('REFUSED_BY_BROKER');
    expect(deadLetter.headers[DLQ_HEADERS.errorMessage]).toContain('MESSAGE_TOO_LARGE');
    expect((await system.waitForStatus(refused)).data.status).toBe('REJECTED');
  });
});
