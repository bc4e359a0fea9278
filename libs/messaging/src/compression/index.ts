export * from './bounded-codecs';
export * from './unreadable-record';
