import { type Priority } from './clearance-status';

/** Default topic names of docs/contract.md#topics. The running names come from configuration (see @app/config). */
export const DEFAULT_TOPICS = {
  shipmentEvents: 'customs.shipment-events.v1',
  clearanceStatus: 'customs.clearance-status.v1',
  deadLetter: 'customs.shipment-events.v1.dlq',
} as const;

/**
 * The backend's internal priority lane of the shipment events topic, e.g.
 * `customs.shipment-events.v1.lane.critical`: the triage forwards every inbound record to the
 * lane of its shipment, and the engine consumes each lane on its own.
 */
export function laneTopicName(shipmentEventsTopic: string, lane: Priority): string {
  return `${shipmentEventsTopic}.lane.${lane.toLowerCase()}`;
}
