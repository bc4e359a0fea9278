import { bestShipmentId, MAX_EVENT_BYTES, shipmentIdFromKey } from './parse-shipment-event';

/** What the triage needs of a record, read without validating it. */
export interface ShipmentEventPeek {
  /** As the engine will name the shipment (data, subject, then key), or null. */
  shipmentId: string | null;
  /** HS codes of a declaration's items (strings only); empty for any other record. */
  hsCodes: string[];
}

const DECLARATION_TYPES: ReadonlySet<unknown> = new Set(['customs.prearrival.submitted', 'customs.prearrival.amended']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the shipment and the declared HS codes of a raw record, tolerating anything: an
 * unreadable record gives what its key says. Validation is the engine's job; this only
 * chooses a lane, so it never throws.
 */
export function peekShipmentEvent(value: Buffer | null, key: Buffer | null): ShipmentEventPeek {
  const keyShipmentId = shipmentIdFromKey(key);
  const unreadable = { shipmentId: keyShipmentId, hsCodes: [] };
  if (!value || value.byteLength > MAX_EVENT_BYTES) return unreadable;
  let record: unknown;
  try {
    record = JSON.parse(utf8.decode(value));
  } catch {
    return unreadable;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return unreadable;
  const envelope = record as Record<string, unknown>;
  const shipmentId = bestShipmentId(envelope, keyShipmentId);
  const data = envelope.data as { items?: unknown } | null | undefined;
  const hsCodes: string[] = [];
  if (DECLARATION_TYPES.has(envelope.type) && typeof data === 'object' && data !== null && Array.isArray(data.items)) {
    for (const item of data.items) {
      const hsCode = typeof item === 'object' && item !== null ? (item as { hsCode?: unknown }).hsCode : undefined;
      if (typeof hsCode === 'string') hsCodes.push(hsCode);
    }
  }
  return { shipmentId, hsCodes };
}
