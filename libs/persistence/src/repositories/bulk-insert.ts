import { type EntityManager } from 'typeorm';

/** How one column of a bulk insert is read from a row, and its PostgreSQL type. */
export interface BulkColumn<T> {
  column: string;
  type: 'text' | 'text[]' | 'integer' | 'bigint' | 'boolean' | 'jsonb' | 'timestamptz' | 'bytea';
  value: (row: T) => unknown;
}

/**
 * Inserts many rows with one statement whose only parameter is the rows as one JSON array,
 * unpacked by `jsonb_to_recordset`: the statement does not grow with the batch, and the rows
 * are serialised by the native JSON.stringify (bytea travels as base64).
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
  const definitions = columns.map((c) => `${c.column} ${c.type === 'bytea' ? 'text' : c.type}`).join(', ');
  const selected = columns.map((c) => (c.type === 'bytea' ? `decode(x.${c.column}, 'base64')` : `x.${c.column}`)).join(', ');
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const c of columns) {
      const value = c.value(row);
      record[c.column] = Buffer.isBuffer(value) ? value.toString('base64') : value;
    }
    return record;
  });
  // keepOrder: serial ids follow the order of `rows` (the outbox publishes in id order).
  const source = options.keepOrder
    ? `ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${definitions})) WITH ORDINALITY AS x(${names}, n)`
    : `jsonb_to_recordset($1::jsonb) AS x(${definitions})`;
  await tx.query(
    `INSERT INTO ${table} (${names}) SELECT ${selected} FROM ${source}${options.keepOrder ? ' ORDER BY x.n' : ''} ${options.suffix ?? ''}`,
    [JSON.stringify(records)],
  );
}
