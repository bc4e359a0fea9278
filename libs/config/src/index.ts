export * from './app-config';
export * from './app-config.module';
export * from './clock';
export * from './environment';
export * from './process-env';
export * from './secret-values';
export * from './trust-proxy';
