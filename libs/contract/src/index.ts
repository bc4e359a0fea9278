export * from './declaration';
export * from './shipment-events';
export * from './clearance-status';
export * from './topics';
export * from './validation';
