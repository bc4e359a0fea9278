import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import { peekShipmentEvent, Priority } from '@app/contract';
import {
  chunksWithinBytes,
  InboundBatch,
  InboundRecord,
  KafkaRecordPublisher,
  laneMessage,
  laneStandIn,
  MAX_CARRIED_RECORD_BYTES,
  OutgoingMessage,
  readUnreadableHeader,
  recordBytes,
  UNREADABLE_RECORD_HEADER,
} from '@app/messaging';
import { ShipmentLaneRepository } from '@app/persistence';
import { ActivePolicy } from '../application/active-policy';
import { KnownPins } from './known-pins';
import { TriageMetrics } from './triage-metrics';

export type RoutedCounts = Record<Priority, number>;

/**
 * The triage: forwards every inbound record, byte for byte, to the priority lane of its
 * shipment, so a standing backlog of standard goods never delays a vaccine. A shipment is
 * pinned to the lane of the first record seen for it (the priority of its declared HS codes,
 * STANDARD for anything else) and all its later events follow, so they stay in order even
 * when an amendment changes its priority. No validation here: the lane's engine does it.
 * At least once: a record forwarded again after a crash is recognised by the engine (by its
 * event id, or a bad one by its inbound position). A record that cannot be carried as it is (a
 * codec's stand-in, or too large for the lane) goes as a small stand-in the lane dead-letters.
 */
@Injectable()
export class RouteToLanes implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RouteToLanes.name);
  private readonly knownPins = new KnownPins();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly activePolicy: ActivePolicy,
    private readonly lanes: ShipmentLaneRepository,
    private readonly publisher: KafkaRecordPublisher,
    private readonly metrics: TriageMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.publisher.connect();
  }

  /** After the transport closed (no batch in flight). */
  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }

  /** Inbound partition batches fetched together: one pin statement, and sends cut only by the byte budget. */
  async execute(batches: InboundBatch[]): Promise<RoutedCounts> {
    const started = performance.now();
    const peeked = batches.flatMap((batch) =>
      batch.records.map((record) => ({ record, peek: peekShipmentEvent(record.value, record.key) })),
    );
    // No transaction: the pins are autocommitted (each is final once made), and the lane choice
    // need not wait for a policy change in progress.
    const db = this.dataSource.manager;
    const policy = await this.activePolicy.latest(db);
    // Shipments this process saw pinned go to their lane; only the others are pinned (or read back).
    const firstSeen = new Map<string, Priority>();
    for (const { peek } of peeked) {
      const id = peek.shipmentId;
      if (id !== null && !firstSeen.has(id) && this.knownPins.get(id) === undefined) firstSeen.set(id, policy.priorityOf(peek.hsCodes));
    }
    const pinned = await this.lanes.pin(db, firstSeen, this.clock.now());
    this.knownPins.remember(pinned);

    const routed: RoutedCounts = { CRITICAL: 0, ESSENTIAL: 0, STANDARD: 0 };
    const forwarded = peeked.map(({ record, peek }) => {
      // A record naming no shipment changes no shipment: any lane keeps it in order; STANDARD it is.
      const lane = (peek.shipmentId !== null && (this.knownPins.get(peek.shipmentId) ?? pinned.get(peek.shipmentId))) || 'STANDARD';
      routed[lane]++;
      return { ...this.forLane(this.config.topics.lanes[lane], record), record };
    });
    for (const chunk of chunksWithinBytes(forwarded)) await this.send(chunk);
    this.metrics.routed(routed, (performance.now() - started) / 1000);
    return routed;
  }

  /**
   * Sends records to their lanes; one the broker refuses for good (e.g. a timestamp outside the
   * lane's range) is not retried for ever: a stand-in with the broker's reason goes in its place
   * (after the others of the chunk), so the lane dead-letters it and the partition moves on.
   */
  private async send(chunk: (OutgoingMessage & { record: InboundRecord })[]): Promise<void> {
    const refused = await this.publisher.publishIsolating(chunk);
    if (refused.length === 0) return;
    const standIns = refused.map(({ index, code, error }) => {
      const { record, topic } = chunk[index];
      this.logger.warn(
        `The broker refused ${record.topic}[${record.partition}]@${record.offset} for ${topic} (${code}): forwarding a stand-in`,
      );
      return laneStandIn(topic, record, { kind: 'REFUSED_BY_BROKER', message: `the broker refused the record (${code}): ${error}` }, false);
    });
    // A stand-in is small and timestamped now: a refusal of it too is not the record's doing, so it is retried.
    await this.publisher.publish(standIns);
  }

  /** The record for its lane as it is, or a stand-in when it cannot be carried as it is. */
  private forLane(laneTopic: string, record: InboundRecord): OutgoingMessage {
    const unreadable = readUnreadableHeader(record.headers[UNREADABLE_RECORD_HEADER]);
    if (unreadable) return laneStandIn(laneTopic, record, unreadable);
    const message = laneMessage(laneTopic, record);
    const bytes = recordBytes(message);
    if (bytes <= MAX_CARRIED_RECORD_BYTES) return message;
    return laneStandIn(laneTopic, record, {
      kind: 'RECORD_TOO_LARGE',
      message: `the record is ${bytes} bytes (key, value and headers), more than the ${MAX_CARRIED_RECORD_BYTES} bytes carried`,
    });
  }
}
