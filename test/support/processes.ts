import { type AppConfig } from '@app/config';

/** Waits until `probe` gives a value (not undefined) and returns it; fails naming `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
  pollMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** The environment that makes a compiled app (a real process) run as the test system's. */
export function appProcessEnvironment(config: AppConfig, more: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    KAFKA_BROKERS: config.kafka.brokers.join(','),
    DATABASE_URL: config.databaseUrl,
    TOPIC_SHIPMENT_EVENTS: config.topics.shipmentEvents,
    TOPIC_CLEARANCE_STATUS: config.topics.clearanceStatus,
    TOPIC_DEAD_LETTER: config.topics.deadLetter,
    TOPIC_PARTITIONS: String(config.topics.partitions),
    ENGINE_GROUP_ID: config.engine.groupId,
    LOG_LEVEL: 'warn',
    ...more,
  };
}
