import { EntityManager } from 'typeorm';

/** How one column of a bulk insert is read from a row, and its PostgreSQL type. */
export interface BulkColumn<T> {
  column: string;
  type: 'text' | 'integer' | 'bigint' | 'boolean' | 'jsonb' | 'timestamptz' | 'bytea';
  value: (row: T) => unknown;
}

/**
 * Inserts many rows with one statement and one parameter per column (`unnest` of arrays):
 * the statement's size and planning cost do not grow with the batch, unlike multi-row VALUES.
 * `suffix` is appended as is (e.g. an ON CONFLICT clause); it must never contain input.
 */
export async function bulkInsert<T>(
  tx: EntityManager,
  table: string,
  columns: BulkColumn<T>[],
  rows: readonly T[],
  options: { suffix?: string; keepOrder?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => c.column).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  // keepOrder: serial ids follow the order of `rows` (the outbox publishes in id order).
  const source = options.keepOrder
    ? `SELECT ${columns.map((c) => `u.${c.column}`).join(', ')} FROM unnest(${arrays}) WITH ORDINALITY AS u(${names}, n) ORDER BY u.n`
    : `SELECT * FROM unnest(${arrays})`;
  const values = columns.map((c) =>
    rows.map((row) => {
      const value = c.value(row);
      // jsonb values travel as their JSON text.
      return c.type === 'jsonb' && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null);
    }),
  );
  await tx.query(`INSERT INTO ${table} (${names}) ${source} ${options.suffix ?? ''}`, values);
}
