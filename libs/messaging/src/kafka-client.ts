import { Logger } from '@nestjs/common';
import { type ConnectionOptions } from 'node:tls';
import { Kafka, type KafkaConfig as KafkaJsConfig, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import { type KafkaConfig } from '@app/config';
import { registerBoundedCodecs } from './compression/bounded-codecs';
import { MAX_CARRIED_RECORD_BYTES } from './topic-provisioner';

const logger = new Logger('kafkajs');

/** kafkajs logs through Nest's logger; its INFO chatter (joins, rebalances) is kept at debug. */
function nestLogCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message}${Object.keys(extra).length ? ' ' + JSON.stringify(extra) : ''}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else logger.debug(line);
  };
}

/**
 * Where and how every Kafka client of the project connects: the brokers, TLS and SASL as
 * configured. The only place configured secrets are revealed to kafkajs.
 */
export function kafkaConnectionOptions(config: KafkaConfig): Pick<KafkaJsConfig, 'brokers' | 'ssl' | 'sasl'> {
  const { tls, sasl } = config;
  const ssl: ConnectionOptions | undefined = tls
    ? {
        rejectUnauthorized: tls.rejectUnauthorized,
        ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
        ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
        ...(tls.key !== undefined ? { key: tls.key.reveal() } : {}),
        ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase.reveal() } : {}),
      }
    : undefined;
  // A fresh object per client: kafkajs stores its authenticator on it.
  const saslOptions: SASLOptions | undefined = sasl
    ? { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password.reveal() }
    : undefined;
  return {
    brokers: config.brokers,
    ...(ssl ? { ssl } : {}),
    ...(saslOptions ? { sasl: saslOptions } : {}),
  };
}

/**
 * A kafkajs client. Also registers the codecs every consumer needs (kafkajs's registry is global):
 * producers compress with gzip, snappy, lz4 or zstd, and each record batch is decompressed
 * within bounds.
 */
export function createKafkaClient(config: KafkaConfig, clientSuffix: string): Kafka {
  registerBoundedCodecs({ maxRecordBytes: MAX_CARRIED_RECORD_BYTES, maxBatchBytes: config.maxDecompressedBatchBytes });
  return new Kafka({
    ...kafkaConnectionOptions(config),
    clientId: `${config.clientId}-${clientSuffix}`,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator,
    connectionTimeout: 5_000,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}
