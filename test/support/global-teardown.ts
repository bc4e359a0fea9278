import { Client } from 'pg';

/** Drops the run's database (unless IT_KEEP_DATABASE=1) and stops containers it started. */
export default async function globalTeardown(): Promise<void> {
  const databaseUrl = process.env.IT_DATABASE_URL;
  if (databaseUrl && process.env.IT_KEEP_DATABASE !== '1') {
    const url = new URL(databaseUrl);
    const name = url.pathname.slice(1);
    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  const containers = (globalThis as Record<string, unknown>).__IT_CONTAINERS__ as { stop(): Promise<unknown> }[] | undefined;
  await Promise.all((containers ?? []).map((c) => c.stop()));
}
