import { type Declaration } from './declaration';

/** Inbound event types (topic `customs.shipment-events.v1`) mapped to their `data` payloads. */
export interface ShipmentEventPayloads {
  'customs.prearrival.submitted': Declaration;
  'customs.prearrival.amended': Declaration;
  'customs.prearrival.cancelled': CancellationData;
  'customs.shipment.arrived': ArrivalData;
}

export type ShipmentEventType = keyof ShipmentEventPayloads;

export const SHIPMENT_EVENT_TYPES: readonly ShipmentEventType[] = [
  'customs.prearrival.submitted',
  'customs.prearrival.amended',
  'customs.prearrival.cancelled',
  'customs.shipment.arrived',
];

export interface CancellationData {
  shipmentId: string;
  reason: string;
}

export interface ArrivalData {
  shipmentId: string;
  /** RFC 3339 */
  arrivedAt: string;
  /** UN/LOCODE */
  entryLocation: string;
}

/** CloudEvents 1.0 envelope, structured JSON mode. */
export interface CloudEvent<TType extends string, TData> {
  specversion: '1.0';
  id: string;
  source: string;
  type: TType;
  time?: string;
  subject?: string;
  datacontenttype?: string;
  data: TData;
}

/** A validated inbound event: a discriminated union on `type`. */
export type ShipmentEvent = {
  [K in ShipmentEventType]: CloudEvent<K, ShipmentEventPayloads[K]>;
}[ShipmentEventType];

export type ShipmentEventOf<K extends ShipmentEventType> = Extract<ShipmentEvent, { type: K }>;
