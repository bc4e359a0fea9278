import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { KafkaConfig } from '@app/config';
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
 * A kafkajs client. Also registers the codecs every consumer needs (kafkajs's registry is global):
 * producers compress with gzip, snappy, lz4 or zstd, and each record batch is decompressed
 * within bounds.
 */
export function createKafkaClient(config: KafkaConfig, clientSuffix: string): Kafka {
  registerBoundedCodecs({ maxRecordBytes: MAX_CARRIED_RECORD_BYTES, maxBatchBytes: config.maxDecompressedBatchBytes });
  return new Kafka({
    clientId: `${config.clientId}-${clientSuffix}`,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator,
    connectionTimeout: 5_000,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}
