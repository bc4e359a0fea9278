export * from './backoff';
export * from './endpoint-address';
export * from './signing';
