import { parseShipmentEvent, type ShipmentEvent, shipmentIdFromKey } from '@app/contract';
import type { InboundBatch, InboundRecord } from '@app/messaging';

type ParseResult = ReturnType<typeof parseShipmentEvent>;
type ParseFailure = Extract<ParseResult, { ok: false }>;
/**
 * Why a record is dead-lettered: its content (a parse failure), or something else: the database
 * refused it although it parsed (UNSTORABLE), or it came as a stand-in because it could not be
 * carried as it was sent (RECORD_TOO_LARGE, ...).
 */
export type RecordFailure = Omit<ParseFailure, 'errorKind'> & {
  errorKind: ParseFailure['errorKind'] | 'UNSTORABLE' | NonNullable<InboundRecord['unreadable']>['kind'];
};
export interface ParsedRecord {
  record: InboundRecord;
  parsed: ParseResult | RecordFailure;
}
/** One partition's batch, parsed. */
export interface ParsedBatch {
  batch: InboundBatch;
  parsed: ParsedRecord[];
}

/** Parses a record, or for a stand-in says why it could not be read (its shipment from its key). */
export function parseRecord(record: InboundRecord): ParsedRecord['parsed'] {
  if (!record.unreadable) return parseShipmentEvent(record.value, record.key);
  return {
    ok: false,
    errorKind: record.unreadable.kind,
    issues: [{ path: '$', message: record.unreadable.message }],
    shipmentId: shipmentIdFromKey(record.key),
    eventId: null,
    eventType: null,
  };
}

/** The batches parsed, in partition order (which keeps the locks of the progress rows ordered). Pure. */
export function parseBatches(batches: InboundBatch[]): ParsedBatch[] {
  return [...batches]
    .sort((a, b) => a.partition - b.partition)
    .map((batch) => ({ batch, parsed: batch.records.map((record) => ({ record, parsed: parseRecord(record) })) }));
}

/** The shipment a record names, valid or not (null when none can be read). */
export function shipmentIdOf({ parsed }: ParsedRecord): string | null {
  return parsed.ok ? parsed.event.data.shipmentId : parsed.shipmentId;
}

/**
 * The record as a failure, so it is dead-lettered (raw bytes only) instead of stored. The
 * event id is dropped (it may be what PostgreSQL refused); the shipment id matched its
 * pattern, so the REJECTED status can still name it unless `withShipment` is false.
 */
export function unstorable(one: ParsedRecord, error: Error, withShipment: boolean): ParsedRecord {
  return {
    record: one.record,
    parsed: {
      ok: false,
      errorKind: 'UNSTORABLE',
      issues: [
        { path: '$', message: `the database refused a value of this event (${(error as { code?: string }).code ?? 'data exception'})` },
      ],
      shipmentId: withShipment ? shipmentIdOf(one) : null,
      eventId: null,
      eventType: null,
    },
  };
}

export function isDeclarationEvent(
  event: ShipmentEvent,
): event is Extract<ShipmentEvent, { type: 'customs.prearrival.submitted' | 'customs.prearrival.amended' }> {
  return event.type === 'customs.prearrival.submitted' || event.type === 'customs.prearrival.amended';
}
