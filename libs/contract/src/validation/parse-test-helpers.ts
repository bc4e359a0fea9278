/** Helpers for the validation specs (not exported from the library). */
import { type ShipmentEventType } from '../shipment-events';
import { aShipmentEvent, toRecordValue } from '../testing/declaration.factory';
import { type ParsedShipmentEvent, parseShipmentEvent } from './parse-shipment-event';

export type Failure = Extract<ParsedShipmentEvent, { ok: false }>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A deep copy of a valid event of `type`, edited by `edit` (which may break it freely). */
export function anEventWith(type: ShipmentEventType, edit: (event: Json) => void): Json {
  const event = structuredClone(aShipmentEvent(type)) as Json;
  edit(event);
  return event;
}

export function parse(event: unknown, key: string | null = null): ParsedShipmentEvent {
  return parseShipmentEvent(toRecordValue(event), key === null ? null : Buffer.from(key, 'utf8'));
}

export function expectFailure(result: ParsedShipmentEvent): Failure {
  if (result.ok) throw new Error(`expected a failure, got a valid ${result.event.type}`);
  return result;
}

export function issuePaths(result: ParsedShipmentEvent): string[] {
  return expectFailure(result).issues.map((issue) => issue.path);
}

export function messageAt(result: ParsedShipmentEvent, path: string): string | undefined {
  return expectFailure(result).issues.find((issue) => issue.path === path)?.message;
}
