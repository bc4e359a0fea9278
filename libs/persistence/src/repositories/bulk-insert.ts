import { type SqlStatement, type WriteTarget, write } from './gathered-writes';

/** How one column of a bulk insert is read from a row, and its PostgreSQL type. */
export interface BulkColumn<T> {
  column: string;
  type: 'text' | 'text[]' | 'integer' | 'bigint' | 'boolean' | 'json' | 'jsonb' | 'timestamptz' | 'bytea';
  value: (row: T) => unknown;
}

/** Separates the documents of a json or jsonb column's parameter (U+001E, record separator). */
const DOCUMENT_SEPARATOR = '\u001e';

/** json and jsonb columns: sent beside the rows' array, one parameter each. */
const isDocument = (c: BulkColumn<never>): boolean => c.type === 'json' || c.type === 'jsonb';

/** A document's JSON text; empty for SQL NULL (null and undefined are never stored as JSON null). */
const documentText = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(value));

/**
 * Inserts many rows with one statement, whatever the batch size: the rows' scalar columns travel as
 * one JSON array (serialised by the native JSON.stringify; bytea as base64), unpacked by
 * `jsonb_to_recordset`, and each json or jsonb column as one more parameter: its documents' JSON texts
 * joined by U+001E, which JSON.stringify never leaves unescaped. PostgreSQL splits that text and
 * parses each document once; nested in the array instead, a document would be built while the
 * array is parsed and then copied out of it, about twice the work (docs/BENCHMARKS.md, issue 12).
 * `suffix` is appended as is (e.g. an ON CONFLICT clause); it must never contain input.
 */
export async function bulkInsert<T>(
  target: WriteTarget,
  table: string,
  columns: BulkColumn<T>[],
  rows: readonly T[],
  options: { suffix?: string; keepOrder?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  await write(target, bulkInsertStatement(table, columns, rows, options));
}

/** The statement of `bulkInsert` (`rows` not empty). */
function bulkInsertStatement<T>(
  table: string,
  columns: BulkColumn<T>[],
  rows: readonly T[],
  options: { suffix?: string; keepOrder?: boolean } = {},
): SqlStatement {
  const scalars = columns.filter((c) => !isDocument(c));
  const documents = columns.filter(isDocument);
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const c of scalars) {
      const value = c.value(row);
      record[c.column] = Buffer.isBuffer(value) ? value.toString('base64') : value;
    }
    return record;
  });
  const params: unknown[] = [JSON.stringify(records)];
  const functions = [
    `jsonb_to_recordset($1::jsonb) AS (${scalars.map((c) => `${c.column} ${c.type === 'bytea' ? 'text' : c.type}`).join(', ')})`,
  ];
  for (const c of documents) {
    // An empty element is SQL NULL (JSON.stringify never returns an empty text).
    params.push(rows.map((row) => documentText(c.value(row))).join(DOCUMENT_SEPARATOR));
    functions.push(`unnest(string_to_array($${params.length}, chr(30), ''))`);
  }
  const aliases = [...scalars, ...documents].map((c) => c.column);
  // ROWS FROM zips the functions' rows in order. keepOrder: serial ids follow the order of `rows`
  // (the outbox publishes in id order).
  const source = `ROWS FROM (${functions.join(', ')})${options.keepOrder ? ' WITH ORDINALITY' : ''} AS x(${aliases.join(', ')}${options.keepOrder ? ', n' : ''})`;
  const selected = columns.map((c) =>
    c.type === 'bytea' ? `decode(x.${c.column}, 'base64')` : isDocument(c) ? `x.${c.column}::${c.type}` : `x.${c.column}`,
  );
  return {
    sql: `INSERT INTO ${table} (${columns.map((c) => c.column).join(', ')}) SELECT ${selected.join(', ')} FROM ${source}${options.keepOrder ? ' ORDER BY x.n' : ''} ${options.suffix ?? ''}`,
    params,
  };
}
