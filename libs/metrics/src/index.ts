export * from './metrics-registry';
export * from './metrics-snapshot.publisher';
export * from './metrics.module';
export * from './probes';
