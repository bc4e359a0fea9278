import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { aDeclaration, anArrival, aShipmentEvent } from '@app/contract/testing';
import { type ExpectedShipment } from './accounting';

/** One shipment of the load: submitted, then amended, then arrived, each only once the one before was acknowledged. */
interface LoadShipment {
  shipmentId: string;
  /** Events acknowledged by the broker so far (0 to 3). */
  acked: number;
  /** When its last event was acknowledged: the next one follows `stepMs` later. */
  ackedAt: number;
  /** The phase (fault) it was submitted in. */
  phase: number;
  /** The next event, made once: a re-send after a failure carries the same CloudEvents id. */
  nextEvent: string | null;
}

const STEPS = 3;

/**
 * A steady load on the inbound topic: `rate` new shipments per second, each submitted, amended and
 * arrived (three status versions, the last RELEASED). An event counts as sent once the broker
 * acknowledged it; one that fails (broker down, paused) is sent again until it is acknowledged,
 * and a shipment's next event waits for that, so the load never loses or reorders what it counts.
 * A re-sent event may reach the topic twice: the engine recognises it by its CloudEvents id.
 */
export class SteadyLoad {
  private readonly shipments: LoadShipment[] = [];
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private next = 0;
  /** Shipments owed to the rate and not yet filed (fractions carry over between ticks). */
  private credit = 0;
  private lastTickAt = 0;
  eventsSent = 0;
  sendFailures = 0;
  phase = 0;
  /** Probe shipments (one submission each, to time recovery), by id: when sent, when acknowledged. */
  private readonly probes: { shipmentId: string; phase: number }[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly run: string,
    private readonly rate: number,
    private readonly stepMs = 1_000,
  ) {}

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, retry: { retries: 2 } });
    await this.producer.connect();
    this.running = true;
    this.loop = this.produceLoop();
  }

  /** Stops filing new shipments; the ones under way get all their events (retried until acknowledged). */
  async finish(): Promise<void> {
    this.running = false;
    await this.loop;
    while (this.shipments.some((s) => s.acked < STEPS)) await this.tick(Date.now(), false);
    await this.producer?.disconnect();
  }

  /** Files one probe shipment now (retried until acknowledged); resolves once acknowledged. */
  async probe(label: string): Promise<string> {
    const shipmentId = `${this.run}-probe-${label}`;
    this.probes.push({ shipmentId, phase: this.phase });
    const event = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }));
    for (;;) {
      if (await this.send([{ key: shipmentId, value: JSON.stringify(event) }])) return shipmentId;
      await sleep(250);
    }
  }

  /** What the statuses must show: three versions ending RELEASED per load shipment, one PRE_CLEARED per probe; by phase. */
  expected(): { phase: number; shipment: ExpectedShipment }[] {
    return [
      ...this.shipments.map((s) => ({ phase: s.phase, shipment: { shipmentId: s.shipmentId, versions: STEPS, finalStatus: 'RELEASED' } })),
      ...this.probes.map((p) => ({ phase: p.phase, shipment: { shipmentId: p.shipmentId, versions: 1, finalStatus: 'PRE_CLEARED' } })),
    ];
  }

  private async produceLoop(): Promise<void> {
    const tickMs = 200;
    while (this.running) {
      const started = Date.now();
      await this.tick(started, true);
      await sleep(Math.max(0, tickMs - (Date.now() - started)));
    }
  }

  private async tick(now: number, fileNew: boolean): Promise<void> {
    if (fileNew) {
      this.credit += this.lastTickAt === 0 ? 0 : ((now - this.lastTickAt) / 1000) * this.rate;
      this.lastTickAt = now;
      for (; this.credit >= 1; this.credit--) {
        this.shipments.push({ shipmentId: `${this.run}-${this.next++}`, acked: 0, ackedAt: 0, phase: this.phase, nextEvent: null });
      }
    }
    const ready = this.shipments.filter((s) => s.acked < STEPS && (s.acked === 0 || now - s.ackedAt >= this.stepMs));
    if (ready.length === 0) {
      if (!fileNew) await sleep(100);
      return;
    }
    const records = ready.map((s) => ({ key: s.shipmentId, value: (s.nextEvent ??= JSON.stringify(this.eventOf(s))) }));
    if (await this.send(records)) {
      const at = Date.now();
      for (const s of ready) {
        s.acked++;
        s.ackedAt = at;
        s.nextEvent = null;
      }
    } else if (!fileNew) {
      await sleep(250);
    }
  }

  private eventOf(s: LoadShipment): unknown {
    const shipmentId = s.shipmentId;
    switch (s.acked) {
      case 0:
        return aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }));
      case 1:
        return aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId, amendment: 1 }));
      default:
        return aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId }));
    }
  }

  /** True once the broker acknowledged every record (acks from all in-sync replicas). */
  private async send(messages: { key: string; value: string }[]): Promise<boolean> {
    try {
      await this.producer!.send({ topic: this.topic, acks: -1, timeout: 5_000, messages });
      this.eventsSent += messages.length;
      return true;
    } catch {
      this.sendFailures++;
      return false;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
