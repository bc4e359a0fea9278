export * from './shipment-transition';
export * from './status-change.writer';
export * from './shipment';
export * from './examination';
