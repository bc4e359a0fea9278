import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { KafkaConfig } from '@app/config';

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

export function createKafkaClient(config: KafkaConfig, clientSuffix: string): Kafka {
  return new Kafka({
    clientId: `${config.clientId}-${clientSuffix}`,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator,
    connectionTimeout: 5_000,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}
