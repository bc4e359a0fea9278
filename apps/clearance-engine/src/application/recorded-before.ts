import type { Shipment } from '@app/clearance';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { inboundPosition, type RecordOrigin } from '@app/messaging';
import { DeadLetterRepository, ShipmentEventLogRepository } from '@app/persistence';
import type { ParsedRecord } from './parsed-record';

/** What earlier batches recorded of these records: how duplicates are recognised. */
export interface RecordedBefore {
  /** Valid events already in the event log, as eventKey strings: CloudEvents identifies an event by (source, id). */
  events: Set<string>;
  /** Ids of bad events already dead-lettered: a resend is dead-lettered again but rejects nothing twice. */
  rejectedEventIds: Set<string>;
  /** Inbound positions (positionKey) already dead-lettered: a stretch the triage forwarded twice. */
  deadLetteredPositions: Set<string>;
}

/**
 * Pure: the inbound positions that may have been dead-lettered already: every bad record, and
 * every valid one from a source other than its shipment's owner (it will be refused). Dead
 * letters are recognised by position, their own whether or not they have an event id.
 */
export function positionsToCheck(records: ParsedRecord[], current: ReadonlyMap<string, Shipment>): RecordOrigin[] {
  return records.flatMap(({ record, parsed }) => {
    if (!parsed.ok) return [inboundPosition(record)];
    const owner = current.get(parsed.event.data.shipmentId)?.ownerSource ?? null;
    return owner !== null && owner !== parsed.event.source ? [inboundPosition(record)] : [];
  });
}

/** Looks up what earlier batches recorded (one query per kind, whatever the batch's size). */
@Injectable()
export class RecordedBeforeLookup {
  constructor(
    private readonly eventLog: ShipmentEventLogRepository,
    private readonly deadLetters: DeadLetterRepository,
  ) {}

  /** Events and rejected event ids; read before the shipments are locked. */
  async events(tx: EntityManager, records: ParsedRecord[]): Promise<Pick<RecordedBefore, 'events' | 'rejectedEventIds'>> {
    const events = await this.eventLog.findRecorded(
      tx,
      records.flatMap(({ parsed }) => (parsed.ok ? [parsed.event] : [])),
    );
    const badEventIds = records.flatMap(({ parsed }) => (!parsed.ok && parsed.eventId ? [parsed.eventId] : []));
    return { events, rejectedEventIds: await this.deadLetters.findDeadLetteredEventIds(tx, badEventIds) };
  }

  /** Dead-lettered positions; read once the shipments are locked (their owners decide which records may be refused). */
  deadLetteredPositions(tx: EntityManager, records: ParsedRecord[], current: ReadonlyMap<string, Shipment>): Promise<Set<string>> {
    return this.deadLetters.findDeadLetteredPositions(tx, positionsToCheck(records, current));
  }
}
