import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { type AppConfig } from './app-config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest's logger, as JSON lines in production (LOG_FORMAT=json) or readable text in a terminal. */
export function createLogger(config: AppConfig, app: string): ConsoleLogger {
  const upTo = LEVELS.indexOf(config.logging.level);
  return new ConsoleLogger(app, {
    json: config.logging.format === 'json',
    colors: config.logging.format === 'text' && process.stdout.isTTY === true,
    logLevels: LEVELS.slice(0, upTo + 1),
    prefix: app,
  });
}
