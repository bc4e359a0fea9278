import { combineWrites } from './gathered-writes';

describe('combineWrites', () => {
  it('given no write, then there is no statement', () => {
    expect(combineWrites([])).toBeNull();
  });

  it('given one write, then it is sent as it is', () => {
    expect(combineWrites([{ sql: 'INSERT INTO a (x) VALUES ($1)', params: [1] }])).toEqual({
      sql: 'INSERT INTO a (x) VALUES ($1)',
      params: [1],
    });
  });

  it('given one write with CTEs of its own, then it is sent with them', () => {
    const write = { ctes: [{ name: 'input', sql: 'SELECT $1::int AS n' }], sql: 'INSERT INTO a SELECT n FROM input', params: [1] };

    expect(combineWrites([write])).toEqual({ sql: 'WITH input AS (SELECT $1::int AS n)\nINSERT INTO a SELECT n FROM input', params: [1] });
  });

  it('given several writes, then each is a CTE of one statement and their parameters follow one another, renumbered', () => {
    const combined = combineWrites([
      { sql: 'INSERT INTO a (x, y) VALUES ($1, $2)', params: ['x', 'y'] },
      { sql: 'DELETE FROM b WHERE id = ANY($1)', params: [[1, 2]] },
      { sql: 'INSERT INTO c (z) SELECT $2 FROM unnest($1::int[]) WHERE $2 IS NOT NULL', params: [[3], 'z'] },
    ]);

    expect(combined).toEqual({
      sql:
        'WITH w1 AS (INSERT INTO a (x, y) VALUES ($1, $2)),\n' +
        'w2 AS (DELETE FROM b WHERE id = ANY($3)),\n' +
        'w3 AS (INSERT INTO c (z) SELECT $5 FROM unnest($4::int[]) WHERE $5 IS NOT NULL)\n' +
        'SELECT 1',
      params: ['x', 'y', [1, 2], [3], 'z'],
    });
  });

  it('given a placeholder without its parameter, then it is refused', () => {
    expect(() =>
      combineWrites([
        { sql: 'SELECT 1', params: [] },
        { sql: 'INSERT INTO a VALUES ($2)', params: [1] },
      ]),
    ).toThrow('$2 has no parameter');
  });

  it('given a write with a WITH of its own, then it is refused (PostgreSQL would not nest its data-modifying CTEs)', () => {
    expect(() =>
      combineWrites([
        { sql: 'INSERT INTO a VALUES (1)', params: [] },
        { sql: 'WITH x AS (INSERT INTO b VALUES (1)) INSERT INTO c VALUES (2)', params: [] },
      ]),
    ).toThrow('its own WITH');
  });

  it('given a write with CTEs of its own, then they go to the top level before it, renumbered with it', () => {
    const combined = combineWrites([
      { sql: 'INSERT INTO a VALUES ($1)', params: [1] },
      {
        ctes: [
          { name: 'input', sql: 'SELECT * FROM unnest($1::int[]) AS i(n)' },
          { name: 'inserted', sql: 'INSERT INTO b SELECT n, $2 FROM input RETURNING n' },
        ],
        sql: 'INSERT INTO c SELECT n FROM inserted',
        params: [[2], 'x'],
      },
    ]);

    expect(combined).toEqual({
      sql:
        'WITH w1 AS (INSERT INTO a VALUES ($1)),\n' +
        'input AS (SELECT * FROM unnest($2::int[]) AS i(n)),\n' +
        'inserted AS (INSERT INTO b SELECT n, $3 FROM input RETURNING n),\n' +
        'w2 AS (INSERT INTO c SELECT n FROM inserted)\n' +
        'SELECT 1',
      params: [1, [2], 'x'],
    });
  });

  it('given two writes whose CTEs share a name, then they are refused', () => {
    const write = { ctes: [{ name: 'input', sql: 'SELECT 1' }], sql: 'INSERT INTO a SELECT 1 FROM input', params: [] };

    expect(() => combineWrites([write, write])).toThrow('two CTEs named input');
  });
});
