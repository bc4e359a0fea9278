export * from './consumer-progress.repository';
export * from './dead-letter.repository';
export * from './decision.repository';
export * from './outbox.repository';
export * from './policy-inputs.repository';
export * from './shipment-event-log.repository';
export * from './shipment-state.repository';
