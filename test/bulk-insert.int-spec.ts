import { type DataSource } from 'typeorm';
import { type BulkColumn, bulkInsert } from '@app/persistence/repositories/bulk-insert';
import { GatheredWrites } from '@app/persistence/repositories/gathered-writes';
import { TestSystem } from './support/test-system';

interface Row {
  name: string;
  document?: unknown;
  other?: unknown;
  bytes?: Buffer | null;
}

const COLUMNS: BulkColumn<Row>[] = [
  { column: 'name', type: 'text', value: (r) => r.name },
  { column: 'document', type: 'jsonb', value: (r) => r.document },
  { column: 'bytes', type: 'bytea', value: (r) => r.bytes ?? null },
  { column: 'other', type: 'json', value: (r) => r.other },
];

describe('bulkInsert and gathered writes on PostgreSQL', () => {
  let system: TestSystem;
  let db: DataSource;
  let table = 0;

  beforeAll(async () => {
    system = await TestSystem.create('bulk-insert');
    db = await system.db();
  });

  afterAll(async () => {
    await system?.close();
  });

  /** A fresh table per test: rows read back in their insert order. */
  async function insert(rows: Row[], options: { keepOrder?: boolean } = {}) {
    const name = `bulk_insert_test_${++table}`;
    await db.query(`CREATE TABLE ${name} (id bigserial PRIMARY KEY, name text NOT NULL, document jsonb, bytes bytea, other json)`);
    await db.transaction((tx) => bulkInsert(tx, name, COLUMNS, rows, options));
    const read: { id: string; name: string; document: unknown; bytes: Buffer | null; other: unknown; is_json_null: boolean }[] =
      await db.query(`SELECT id, name, document, bytes, other, document = 'null'::jsonb AS is_json_null FROM ${name} ORDER BY id`);
    return read;
  }

  it('given documents holding the separator, quotes, backslashes and non-ASCII text, then each reads back equal, beside its own row', async () => {
    const rows: Row[] = [
      { name: 'a', document: { text: 'before\u001eafter', quote: '"\\', nested: [{ x: 1.5 }, null, true] }, other: ['\u001e'] },
      { name: 'b', document: 'a JSON string', other: { é: 'Ünïcødé 🚚' }, bytes: Buffer.from([0, 255, 30]) },
      { name: 'c', document: 42, other: [] },
    ];

    const read = await insert(rows, { keepOrder: true });

    expect(read.map((r) => [r.name, r.document, r.other])).toEqual(rows.map((r) => [r.name, r.document, r.other]));
    expect(read[1].bytes).toEqual(Buffer.from([0, 255, 30]));
  });

  it('given null and undefined documents (first, last, and a row alone), then they are SQL NULL, never JSON null', async () => {
    const many = await insert([
      { name: 'first', document: null, other: { a: 1 } },
      { name: 'middle', document: { b: 2 } },
      { name: 'last' },
    ]);
    const alone = await insert([{ name: 'alone', document: undefined, other: null }]);

    expect(many.map((r) => [r.name, r.document, r.other, r.is_json_null])).toEqual([
      ['first', null, { a: 1 }, null],
      ['middle', { b: 2 }, null, false],
      ['last', null, null, null],
    ]);
    expect(alone.map((r) => [r.name, r.document, r.other])).toEqual([['alone', null, null]]);
  });

  it('given keepOrder, then serial ids follow the order of the rows', async () => {
    const names = Array.from({ length: 500 }, (_, i) => `row-${String(i).padStart(3, '0')}`).reverse();

    const read = await insert(
      names.map((name, i) => ({ name, document: { i } })),
      { keepOrder: true },
    );

    expect(read.map((r) => r.name)).toEqual(names);
    expect(read.map((r) => (r.document as { i: number }).i)).toEqual(names.map((_, i) => i));
  });

  it('given writes gathered in a transaction, then nothing is written until the flush, which writes them all in one statement', async () => {
    await db.query(`CREATE TABLE gathered_a (id bigserial PRIMARY KEY, name text NOT NULL, document jsonb, bytes bytea, other json)`);
    await db.query(`CREATE TABLE gathered_b (key text PRIMARY KEY, n int NOT NULL)`);
    await db.query(`INSERT INTO gathered_b VALUES ('kept', 1)`);

    const before = await db.transaction(async (tx) => {
      const writes = new GatheredWrites(tx);
      await bulkInsert(
        writes,
        'gathered_a',
        COLUMNS,
        [
          { name: 'first', document: { a: 1 } },
          { name: 'second', other: ['x'] },
        ],
        {
          keepOrder: true,
        },
      );
      writes.add({
        sql: `INSERT INTO gathered_b (key, n) VALUES ($1, $2), ($3, $2) ON CONFLICT (key) DO UPDATE SET n = gathered_b.n + EXCLUDED.n`,
        params: ['kept', 10, 'new'],
      });
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM gathered_a`);
      await writes.flush();
      return n;
    });

    expect(before).toBe(0);
    expect(await db.query(`SELECT name, document, other FROM gathered_a ORDER BY id`)).toEqual([
      { name: 'first', document: { a: 1 }, other: null },
      { name: 'second', document: null, other: ['x'] },
    ]);
    expect(await db.query(`SELECT key, n FROM gathered_b ORDER BY key`)).toEqual([
      { key: 'kept', n: 11 },
      { key: 'new', n: 10 },
    ]);
  });
});
