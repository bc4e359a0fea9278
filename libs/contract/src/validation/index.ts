export type { ValidationIssue } from './issues';
export { MAX_ISSUES } from './issues';
export type { ParsedShipmentEvent, ParseErrorKind } from './parse-shipment-event';
export { MAX_EVENT_BYTES, parseShipmentEvent, shipmentIdFromKey } from './parse-shipment-event';
export type { ShipmentEventPeek } from './peek-shipment-event';
export { peekShipmentEvent } from './peek-shipment-event';
export { SHIPMENT_ID_PATTERN, isRfc3339DateTime, isCalendarDate, isCountryCode, isCurrencyCode, isShipmentId } from './patterns';
export { storableText } from './structure-guard';
