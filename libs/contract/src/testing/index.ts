export * from './declaration.factory';
export * from './random';
