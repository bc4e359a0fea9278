export * from './inbound-batch';
export * from './kafka-batch.server';
export * from './kafka-client';
export * from './topic-provisioner';
export * from './outbox-messages';
export * from './kafka-record-publisher';
export * from './byte-budget';
export * from './lane-records';
