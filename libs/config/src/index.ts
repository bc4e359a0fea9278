export * from './app-config';
export * from './app-config.module';
export * from './clock';
export * from './environment';
export * from './process-env';
export * from './kafka-security';
export * from './secret';
