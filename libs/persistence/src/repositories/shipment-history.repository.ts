import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterRow, DecisionRow, ShipmentEventRow } from '../entities';

export type ShipmentEventSummary = Pick<ShipmentEventRow, 'eventId' | 'type' | 'source' | 'eventTime' | 'receivedAt' | 'outcome'>;
export type DeadLetterSummary = Pick<
  DeadLetterRow,
  'id' | 'eventId' | 'errorKind' | 'errors' | 'sourceTopic' | 'kafkaPartition' | 'kafkaOffset' | 'receivedAt' | 'replayedAt' | 'replayCount'
>;

/** What happened to one shipment, oldest first: events received, decisions, dead letters. */
@Injectable()
export class ShipmentHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Without the envelopes: the declaration in force is on the shipment row. */
  events(shipmentId: string): Promise<ShipmentEventSummary[]> {
    return this.dataSource.getRepository(ShipmentEventRow).find({
      select: { eventId: true, type: true, source: true, eventTime: true, receivedAt: true, outcome: true },
      where: { shipmentId },
      // Events of a shipment share a partition (keyed by shipmentId): the offset orders a batch received at once.
      order: { receivedAt: 'ASC', kafkaOffset: 'ASC' },
    });
  }

  decisions(shipmentId: string): Promise<DecisionRow[]> {
    return this.dataSource.getRepository(DecisionRow).find({ where: { shipmentId }, order: { version: 'ASC' } });
  }

  /** Without the raw record bytes, which may be anything a producer sent. */
  deadLetters(shipmentId: string): Promise<DeadLetterSummary[]> {
    return this.dataSource.getRepository(DeadLetterRow).find({
      select: {
        id: true,
        eventId: true,
        errorKind: true,
        errors: true,
        sourceTopic: true,
        kafkaPartition: true,
        kafkaOffset: true,
        receivedAt: true,
        replayedAt: true,
        replayCount: true,
      },
      where: { shipmentId },
      order: { id: 'ASC' },
    });
  }
}
