export * from './declaration.factory';
