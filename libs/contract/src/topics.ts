/** Default topic names of SPEC.md. The running names come from configuration (see @app/config). */
export const DEFAULT_TOPICS = {
  shipmentEvents: 'customs.shipment-events.v1',
  clearanceStatus: 'customs.clearance-status.v1',
  deadLetter: 'customs.shipment-events.v1.dlq',
} as const;

export type TopicRole = keyof typeof DEFAULT_TOPICS;
export type TopicNames = Record<TopicRole, string>;
