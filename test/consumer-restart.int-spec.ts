import { randomBytes } from 'node:crypto';
import { type Admin, CompressionCodecs, CompressionTypes, type Consumer, type Kafka, KafkaJSNotImplemented, type Producer } from 'kafkajs';
import { loadAppConfig } from '@app/config';
import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { type ConsumerRestartPolicy, type ConsumerStatus, createKafkaClient, type InboundBatch, KafkaBatchServer } from '@app/messaging';
import { type AdminApiClient } from './support/admin-api-client';
import { integrationEnvironment, TestSystem } from './support/test-system';
import { until } from './support/processes';

const PATTERN = 'it.consumer-restart';

/**
 * kafkajs decodes each fetched record batch with the codec registered for its compression type;
 * one it cannot decode throws KafkaJSNotImplemented out of the fetch loop and the consumer crashes
 * (how a zstd record stopped the triage in issue 8). GZIP is always readable, so the test makes it
 * unreadable for a while (writing still works): a gzip record then crashes the consumer the same way.
 */
function gzipUnreadable(): { restore: () => void } {
  // kafkajs's typings omit the message its own codec stubs pass (`new KafkaJSNotImplemented('ZSTD compression not implemented')`).
  const NotImplemented = KafkaJSNotImplemented as unknown as new (message: string) => Error;
  const registered = CompressionCodecs[CompressionTypes.GZIP];
  CompressionCodecs[CompressionTypes.GZIP] = () => ({
    compress: (encoder: unknown) => registered().compress(encoder),
    decompress: async () => {
      throw new NotImplemented('GZIP decompression not available (taken away by the test)');
    },
  });
  return { restore: () => (CompressionCodecs[CompressionTypes.GZIP] = registered) };
}

describe('KafkaBatchServer: no deaf consumer', () => {
  const run = randomBytes(3).toString('hex');
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const servers: KafkaBatchServer[] = [];
  const topicsCreated: string[] = [];
  let n = 0;

  /** A server with one consumer on a fresh topic, recording what it consumes and each status change. */
  async function aServer(restart: Partial<ConsumerRestartPolicy>, onGaveUp?: (consumer: string, error: Error) => void) {
    const topic = `it.${run}.restart-${++n}`;
    const groupId = `it.${run}.restart-${n}`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    topicsCreated.push(topic);
    const consumed: string[] = [];
    const statuses: ConsumerStatus[] = [];
    const server = new KafkaBatchServer({
      kafka,
      consumers: [{ name: 'probe', groupId, subscriptions: [{ topic, pattern: PATTERN }], partitionsConsumedConcurrently: 1 }],
      restart,
      onGaveUp,
    });
    server.addHandler(PATTERN, async (batches: InboundBatch[]) => {
      for (const batch of batches) for (const record of batch.records) consumed.push(record.value!.toString());
    });
    server.on('consumer', (status) => statuses.push(status));
    servers.push(server);
    await new Promise<void>((resolve, reject) => server.listen((error) => (error ? reject(error) : resolve())));
    await until('the consumer to join its group', () => (statuses.some((s) => s.up) ? true : undefined));
    const produce = (value: string, compression?: CompressionTypes) =>
      producer.send({ topic, compression, messages: [{ key: 'k', value }] });
    const members = async () => (await admin.describeGroups([groupId])).groups[0].members.length;
    return { server, topic, groupId, consumed, statuses, produce, members };
  }

  beforeAll(async () => {
    const config = loadAppConfig(integrationEnvironment());
    kafka = createKafkaClient(config.kafka, `it-restart-${run}`);
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: topicsCreated }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('given a consumer stopped through unwrap() without the server asking, when the back-off is over, then it is back and consumes the next record', async () => {
    const probe = await aServer({ initialDelayMs: 200 });
    await probe.produce('before');
    await until('the first record', () => (probe.consumed.includes('before') ? true : undefined));

    const [consumer] = probe.server.unwrap<Consumer[]>();
    await consumer.stop();

    await until('the consumer to be reported down', () => (probe.statuses.some((s) => !s.up) ? true : undefined));
    await probe.produce('after');
    await until('the record produced while it was down', () => (probe.consumed.includes('after') ? true : undefined));
    expect(probe.statuses.map((s) => s.up)).toEqual([true, false, true]);
    expect(probe.server.unwrap<Consumer[]>()).toHaveLength(1);
    expect(probe.server.unwrap<Consumer[]>()[0]).not.toBe(consumer);
    expect(probe.consumed).toEqual(['before', 'after']);
  });

  it('given a record whose codec kafkajs cannot read, when the consumer crashes on it, then it leaves its group, is restarted while the cause lasts and consumes everything once the cause is gone', async () => {
    const probe = await aServer({ initialDelayMs: 500, maxDelayMs: 2_000 });
    await probe.produce('plain');
    await until('the plain record', () => (probe.consumed.includes('plain') ? true : undefined));

    const gzip = gzipUnreadable();
    try {
      await probe.produce('compressed', CompressionTypes.GZIP);
      // Each restart fetches the same record and crashes again: down, up, down, ...
      await until('a second crash (the first restart crashed too)', () =>
        probe.statuses.filter((s) => !s.up).length >= 2 ? true : undefined,
      );
      // Down means out of its group, which is what readiness looks at.
      await until('the group without members', async () => ((await probe.members()) === 0 ? true : undefined));
      expect(probe.consumed).toEqual(['plain']);
    } finally {
      gzip.restore();
    }

    await probe.produce('next');
    await until('the compressed record and the next one', () => (probe.consumed.includes('next') ? true : undefined));
    expect(probe.consumed).toEqual(['plain', 'compressed', 'next']);
    expect(probe.statuses[probe.statuses.length - 1].up).toBe(true);
    expect(await probe.members()).toBe(1);
  });

  it('given a consumer that keeps crashing, when it stopped more times in a row than allowed, then onGaveUp is called and it is not restarted again', async () => {
    const gaveUp: { consumer: string; error: Error }[] = [];
    const probe = await aServer({ initialDelayMs: 100, maxConsecutiveFailures: 2 }, (consumer, error) => gaveUp.push({ consumer, error }));
    const gzip = gzipUnreadable();
    try {
      await probe.produce('compressed', CompressionTypes.GZIP);
      await until('onGaveUp', () => (gaveUp.length > 0 ? true : undefined));
    } finally {
      gzip.restore();
    }
    expect(gaveUp).toHaveLength(1);
    expect(gaveUp[0].consumer).toBe('probe');
    expect(gaveUp[0].error).toBeInstanceOf(Error);
    // Two restarts, each crashing on the same record, then the third stop gives up.
    expect(probe.statuses.map((s) => s.up)).toEqual([true, false, true, false, true, false]);
    expect(probe.consumed).toEqual([]);
  });

  it('given a consumer waiting for its restart, when the server is closed, then close() returns and nothing is restarted', async () => {
    const backOffMs = 300;
    const probe = await aServer({ initialDelayMs: backOffMs });
    await probe.server.unwrap<Consumer[]>()[0].stop();
    await until('the consumer to be reported down', () => (probe.statuses.some((s) => !s.up) ? true : undefined));

    await probe.server.close();

    expect(probe.server.unwrap<Consumer[]>()).toEqual([]);
    // Well past the back-off: a restart that close() failed to cancel would have joined by now.
    await new Promise((r) => setTimeout(r, backOffMs * 10));
    expect(probe.statuses.map((s) => s.up)).toEqual([true, false]);
    expect(await probe.members()).toBe(0);
  });
});

describe('the clearance engine: a crashed triage', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  let producer: Producer;

  /** `clearance_consumer_up` of the engine's triage, as /metrics serves the engine's latest snapshot. */
  async function triageUpGauge(): Promise<number> {
    const page = (await api.anonymous().get('/metrics').expect(200)).text;
    const line = page.split('\n').find((l) => l.startsWith('clearance_consumer_up{') && l.includes('consumer="triage"'));
    return line ? Number(line.split(' ').pop()) : Number.NaN;
  }

  beforeAll(async () => {
    system = await TestSystem.create('triage-crash');
    api = await system.startAdminApi();
    await system.startEngine();
    await system.startPublisher();
    producer = system.kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await system?.close();
  });

  it('given a record that crashes the triage, when it keeps crashing, then readiness and the up gauge say so; once the cause is gone, it comes back and decides the record', async () => {
    const shipmentId = `SHP-TRIAGE-CRASH-${randomBytes(3).toString('hex')}`;
    await api.anonymous().get('/health/ready').expect(200);

    const gzip = gzipUnreadable();
    try {
      await producer.send({
        topic: system.config.topics.shipmentEvents,
        compression: CompressionTypes.GZIP,
        messages: [
          { key: shipmentId, value: JSON.stringify(aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }))) },
        ],
      });
      // Restarted with a growing back-off, the triage crashes on the same record each time: mostly down.
      const notReady = await until('readiness to turn false', async () => {
        const response = await api.anonymous().get('/health/ready');
        return response.status === 503 ? response.body : undefined;
      });
      expect(notReady.error.engine.status).toBe('down');
      expect(notReady.error.engine.groups).toContainEqual({ groupId: system.config.engine.groupId, state: 'Empty', members: 0 });
      await until('the up gauge of the triage at 0', async () => ((await triageUpGauge()) === 0 ? true : undefined));
    } finally {
      gzip.restore();
    }

    const status = await system.waitForStatus(shipmentId, 1, 60_000);
    expect(status.data.status).toBe('PRE_CLEARED');
    await until('readiness back', async () => ((await api.anonymous().get('/health/ready')).status === 200 ? true : undefined));
    await until('the up gauge of the triage at 1', async () => ((await triageUpGauge()) === 1 ? true : undefined));
  });
});
