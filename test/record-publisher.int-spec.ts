import { randomBytes } from 'node:crypto';
import { type Admin, type Kafka, Partitioners } from 'kafkajs';
import { loadAppConfig } from '@app/config';
import { createKafkaClient, KafkaRecordPublisher, type OutgoingMessage } from '@app/messaging';
import { integrationEnvironment } from './support/test-system';
import { TopicRecorder } from './support/topic-recorder';

/** Small enough that a few kilobytes are refused, large enough for every ordinary record of these tests. */
const TOPIC_MAX_MESSAGE_BYTES = 4096;

describe('KafkaRecordPublisher.publishIsolating on the real broker', () => {
  const run = randomBytes(3).toString('hex');
  let kafka: Kafka;
  let admin: Admin;
  let publisher: KafkaRecordPublisher;
  const recorders: TopicRecorder[] = [];
  let topics = 0;

  /**
   * A topic of 2 partitions that refuses records over 4 KiB (MESSAGE_TOO_LARGE), records without a
   * key (compacted: INVALID_RECORD) and timestamps over an hour old (INVALID_TIMESTAMP).
   */
  async function strictTopic(): Promise<{ topic: string; keyOn: (partition: number) => string; recorder: TopicRecorder }> {
    const topic = `it.${run}.strict-${++topics}`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 2,
          configEntries: [
            { name: 'max.message.bytes', value: String(TOPIC_MAX_MESSAGE_BYTES) },
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'message.timestamp.before.max.ms', value: '3600000' },
          ],
        },
      ],
    });
    // Keys the producer's partitioner (murmur2, as Java clients) puts on a given partition.
    const [{ partitions: partitionMetadata }] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    const partitioner = Partitioners.DefaultPartitioner();
    let n = 0;
    const keyOn = (partition: number) => {
      for (;;) {
        const key = `${run}-${++n}`;
        if (partitioner({ topic, partitionMetadata, message: { key, value: null } }) === partition) return key;
      }
    };
    const recorder = new TopicRecorder(kafka, topic);
    await recorder.start();
    recorders.push(recorder);
    return { topic, keyOn, recorder };
  }

  const record = (topic: string, key: string | null, value: string, timestamp?: string): OutgoingMessage => ({
    topic,
    messageKey: key === null ? null : Buffer.from(key),
    messageValue: Buffer.from(value),
    headers: { 'it-run': run },
    timestamp,
  });

  /** Every record of the topic, as `partition:value`, once the topic holds `count` records in all. */
  async function topicContents(topic: string, recorder: TopicRecorder, count: number): Promise<string[]> {
    const offsets = await admin.fetchTopicOffsets(topic);
    // The high watermarks count what the broker appended: nothing more, nothing twice.
    expect(offsets.reduce((n, p) => n + Number(p.high), 0)).toBe(count);
    await recorder.waitFor(`${count} records`, (messages) => messages.length >= count);
    return recorder.messages.map((m) => `${m.partition}:${m.value!.toString()}`);
  }

  const onPartition = (contents: string[], partition: number) =>
    contents.filter((c) => c.startsWith(`${partition}:`)).map((c) => c.slice(2));

  beforeAll(async () => {
    const config = loadAppConfig(integrationEnvironment());
    kafka = createKafkaClient(config.kafka, `it-publisher-${run}`);
    admin = kafka.admin();
    await admin.connect();
    publisher = new KafkaRecordPublisher(kafka, { sendTimeoutMs: 60_000 });
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await Promise.all(recorders.map((r) => r.stop()));
    await admin?.deleteTopics({ topics: recorders.map((_, i) => `it.${run}.strict-${i + 1}`) }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('given a mix of good records and records the topic refuses, when published, then the refused ones come back and the rest arrive once, in order per partition', async () => {
    const { topic, keyOn, recorder } = await strictTopic();
    const [a, b] = [keyOn(0), keyOn(1)];
    const twoDaysAgo = String(Date.now() - 2 * 24 * 3600 * 1000);
    const messages = [
      record(topic, keyOn(0), 'a1'),
      record(topic, keyOn(1), 'b1'),
      record(topic, a, 'x'.repeat(TOPIC_MAX_MESSAGE_BYTES + 100)),
      record(topic, keyOn(1), 'b2'),
      record(topic, null, 'no key on a compacted topic'),
      record(topic, keyOn(0), 'a2'),
      record(topic, b, 'too old', twoDaysAgo),
      record(topic, keyOn(1), 'b3'),
    ];

    const refused = await publisher.publishIsolating(messages);

    expect(refused.map(({ index, code, message }) => ({ index, code, message }))).toEqual([
      { index: 2, code: 'MESSAGE_TOO_LARGE', message: messages[2] },
      { index: 4, code: 'INVALID_RECORD', message: messages[4] },
      { index: 6, code: 'INVALID_TIMESTAMP', message: messages[6] },
    ]);
    expect(refused.every((r) => r.error.length > 0)).toBe(true);
    const contents = await topicContents(topic, recorder, 5);
    expect(onPartition(contents, 0)).toEqual(['a1', 'a2']);
    expect(onPartition(contents, 1)).toEqual(['b1', 'b2', 'b3']);
  });

  it('given a refusal, when other records are published to the same partitions afterwards, then they are accepted (no sequence number is left behind)', async () => {
    const { topic, keyOn, recorder } = await strictTopic();
    const refused = await publisher.publishIsolating([
      record(topic, keyOn(0), 'x'.repeat(TOPIC_MAX_MESSAGE_BYTES + 100)),
      record(topic, keyOn(1), 'b1'),
      record(topic, keyOn(1), 'b2'),
      record(topic, keyOn(0), 'a1'),
    ]);
    expect(refused.map((r) => r.index)).toEqual([0]);

    await publisher.publish([record(topic, keyOn(1), 'b3'), record(topic, keyOn(0), 'a2')]);
    await expect(publisher.publishIsolating([record(topic, keyOn(1), 'b4'), record(topic, keyOn(0), 'a3')])).resolves.toEqual([]);

    const contents = await topicContents(topic, recorder, 7);
    expect(onPartition(contents, 0)).toEqual(['a1', 'a2', 'a3']);
    expect(onPartition(contents, 1)).toEqual(['b1', 'b2', 'b3', 'b4']);
  });

  it('given records that fit the topic one by one but not all together, when published, then none is refused and all arrive in order', async () => {
    const { topic, keyOn, recorder } = await strictTopic();
    const third = Math.floor(TOPIC_MAX_MESSAGE_BYTES / 3);
    const values = ['r1', 'r2', 'r3', 'r4'].map((name) => name + '.'.repeat(third));

    const refused = await publisher.publishIsolating(values.map((value) => record(topic, keyOn(0), value)));

    expect(refused).toEqual([]);
    expect(onPartition(await topicContents(topic, recorder, 4), 0)).toEqual(values);
  });

  it('given a refusal in a plain publish, when it rejects, then the next publish to the partitions it named is accepted', async () => {
    const { topic, keyOn, recorder } = await strictTopic();
    await expect(
      publisher.publish([
        record(topic, keyOn(0), 'x'.repeat(TOPIC_MAX_MESSAGE_BYTES + 100)),
        record(topic, keyOn(1), 'b1'),
        record(topic, keyOn(1), 'b2'),
      ]),
    ).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });

    await publisher.publish([record(topic, keyOn(1), 'b3'), record(topic, keyOn(0), 'a1')]);

    // b1 and b2 were appended by the refused request; the publish after it adds b3 behind them.
    const contents = await topicContents(topic, recorder, 4);
    expect(onPartition(contents, 1)).toEqual(['b1', 'b2', 'b3']);
    expect(onPartition(contents, 0)).toEqual(['a1']);
  });
});
