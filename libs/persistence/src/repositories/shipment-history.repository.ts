import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterRow, DecisionRow } from '../entities';

/** Where an event stands in a shipment's history: received at (to the microsecond, UTC), then offset, then id. */
export interface EventPosition {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`: PostgreSQL's full precision, which a Date would lose. */
  receivedAt: string;
  offset: string;
  eventId: string;
}

export interface ShipmentEventSummary {
  eventId: string;
  type: string;
  source: string;
  eventTime: Date | null;
  receivedAt: Date;
  outcome: string;
  position: EventPosition;
}

export type DeadLetterSummary = Pick<
  DeadLetterRow,
  'id' | 'eventId' | 'errorKind' | 'errors' | 'sourceTopic' | 'kafkaPartition' | 'kafkaOffset' | 'receivedAt' | 'replayedAt' | 'replayCount'
>;

interface EventRecord {
  event_id: string;
  type: string;
  source: string;
  event_time: Date | null;
  received_at: Date;
  received_at_text: string;
  kafka_offset: string;
  outcome: string;
}

/** What happened to one shipment, oldest first and a page at a time: events received, decisions, dead letters. */
@Injectable()
export class ShipmentHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Without the envelopes (the declaration in force is on the shipment row). Events of a shipment
   * share a partition (keyed by shipmentId): the offset orders a batch received at once.
   */
  async events(shipmentId: string, limit: number, after?: EventPosition): Promise<ShipmentEventSummary[]> {
    const params: unknown[] = [shipmentId, limit];
    const cursor = after
      ? `AND (e.received_at, e.kafka_offset, e.event_id) > ($${params.push(after.receivedAt)}::timestamptz, $${params.push(after.offset)}::bigint, $${params.push(after.eventId)})`
      : '';
    const records: EventRecord[] = await this.dataSource.query(
      `SELECT e.event_id, e.type, e.source, e.event_time, e.received_at, e.kafka_offset, e.outcome,
              to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at_text
         FROM shipment_events e
        WHERE e.shipment_id = $1 ${cursor}
        ORDER BY e.received_at, e.kafka_offset, e.event_id
        LIMIT $2`,
      params,
    );
    return records.map((r) => ({
      eventId: r.event_id,
      type: r.type,
      source: r.source,
      eventTime: r.event_time,
      receivedAt: r.received_at,
      outcome: r.outcome,
      position: { receivedAt: r.received_at_text, offset: String(r.kafka_offset), eventId: r.event_id },
    }));
  }

  /** By version, after `afterVersion` when given. */
  decisions(shipmentId: string, limit: number, afterVersion?: number): Promise<DecisionRow[]> {
    const query = this.dataSource
      .getRepository(DecisionRow)
      .createQueryBuilder('d')
      .where('d.shipment_id = :shipmentId', { shipmentId })
      .orderBy('d.version', 'ASC')
      .limit(limit);
    if (afterVersion !== undefined) query.andWhere('d.version > :afterVersion', { afterVersion });
    return query.getMany();
  }

  /** Without the raw record bytes, which may be anything a producer sent; by id, after `afterId` when given. */
  deadLetters(shipmentId: string, limit: number, afterId?: string): Promise<DeadLetterSummary[]> {
    const query = this.dataSource
      .getRepository(DeadLetterRow)
      .createQueryBuilder('d')
      .select([
        'd.id',
        'd.eventId',
        'd.errorKind',
        'd.errors',
        'd.sourceTopic',
        'd.kafkaPartition',
        'd.kafkaOffset',
        'd.receivedAt',
        'd.replayedAt',
        'd.replayCount',
      ])
      .where('d.shipment_id = :shipmentId', { shipmentId })
      .orderBy('d.id', 'ASC')
      .limit(limit);
    if (afterId !== undefined) query.andWhere('d.id > :afterId', { afterId });
    return query.getMany();
  }
}
