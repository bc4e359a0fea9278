export * from './shipment-transition';
export * from './status-change.writer';
