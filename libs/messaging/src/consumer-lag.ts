import { type Admin } from 'kafkajs';

/**
 * Records of a topic not yet committed by a consumer group, per partition. A partition the
 * group never committed counts from its low watermark.
 */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<{ partition: number; lag: number }[]> {
  const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const committedBy = new Map(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
  return ends.map((end) => {
    const done = committedBy.get(end.partition) ?? -1;
    const from = done >= 0 ? done : Number(end.low);
    return { partition: end.partition, lag: Math.max(0, Number(end.high) - from) };
  });
}
