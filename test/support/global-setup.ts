import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';

// Jest's moduleNameMapper does not apply to global setup: resolve the @app/* aliases here.
register({ baseUrl: join(__dirname, '../..'), paths: compilerOptions.paths });

/**
 * Starts (or finds) the real broker and database for the integration suite, then gives the
 * run its own freshly migrated database. Workers read the addresses from IT_* variables.
 */
export default async function globalSetup(): Promise<void> {
  let brokers = process.env.KAFKA_BROKERS;
  let serverUrl = process.env.DATABASE_URL;
  if (process.env.IT_USE_TESTCONTAINERS === '1' && !brokers && !serverUrl) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const [kafka, postgres] = await Promise.all([
      new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().withExposedPorts(9093).start(),
      new PostgreSqlContainer('postgres:15-alpine').start(),
    ]);
    (globalThis as Record<string, unknown>).__IT_CONTAINERS__ = [kafka, postgres];
    brokers = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
    serverUrl = postgres.getConnectionUri();
  }
  const url = new URL(serverUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/clearance_it_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const { migrateDatabase } = await import('@app/persistence/data-source');
  await migrateDatabase(url.toString());
  process.env.IT_KAFKA_BROKERS = brokers ?? 'localhost:9092';
  process.env.IT_DATABASE_URL = url.toString();
}
