import { type Consumer, type Kafka } from 'kafkajs';
import { type ReceivedStatus } from './accounting';

/**
 * Follows the status topic as a logistics firm would, through every fault: a consumer that
 * crashes is replaced, and a record read twice by the recorder itself (same partition and offset,
 * after its own restart) is kept once, so duplicates counted are the backend's.
 */
export class StatusRecorder {
  readonly received: (ReceivedStatus & { receivedAt: number })[] = [];
  private readonly seen = new Set<string>();
  private consumer: Consumer | null = null;
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly groupId: string,
  ) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, retry: { retries: 10 } });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, () => {
      if (this.stopped || this.consumer !== consumer) return;
      this.consumer = null;
      setTimeout(() => void this.start().catch(() => undefined), 1_000);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const position = `${partition}:${message.offset}`;
        if (this.seen.has(position) || !message.value) return;
        this.seen.add(position);
        const event = JSON.parse(message.value.toString()) as {
          data: { shipmentId: string; version: number; status: string; causationId: string | null };
        };
        const { shipmentId, version, status, causationId } = event.data;
        this.received.push({ shipmentId, version, status, causationId, receivedAt: Date.now() });
      },
    });
  }

  /** When a status of each shipment first had at least `version`; undefined for those without. */
  firstReceived(shipmentIds: string[], version = 1): (number | undefined)[] {
    return shipmentIds.map((id) => this.received.find((r) => r.shipmentId === id && r.version >= version)?.receivedAt);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
