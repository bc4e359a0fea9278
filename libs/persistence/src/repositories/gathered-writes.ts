import { type EntityManager } from 'typeorm';

/** One SQL statement and its parameters, numbered from $1. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * Writes gathered in a transaction to reach PostgreSQL in one round trip (`flush`): each a
 * data-modifying CTE of one statement. For writes whose results nobody reads before the
 * transaction ends, to tables no other of them refers to (the statement sees one snapshot).
 */
export class GatheredWrites {
  private readonly statements: SqlStatement[] = [];

  constructor(readonly tx: EntityManager) {}

  add(statement: SqlStatement): void {
    this.statements.push(statement);
  }

  /** Sends what was gathered, as one statement, and starts over. */
  async flush(): Promise<void> {
    const combined = combineWrites(this.statements.splice(0));
    if (combined) await this.tx.query(combined.sql, combined.params);
  }
}

/** Where a repository's write goes: run now in the transaction, or gathered for one round trip. */
export type WriteTarget = EntityManager | GatheredWrites;

/** Runs `statement` now (a transaction) or adds it to the gathered writes. */
export async function write(target: WriteTarget, statement: SqlStatement): Promise<void> {
  if (target instanceof GatheredWrites) target.add(statement);
  else await target.query(statement.sql, statement.params);
}

/** The transaction behind a write target. */
export const transactionOf = (target: WriteTarget): EntityManager => (target instanceof GatheredWrites ? target.tx : target);

/**
 * Several writes as one statement: `WITH w1 AS (...), w2 AS (...) SELECT` with each one's
 * parameters renumbered after those before it. A write must not have a WITH of its own
 * (PostgreSQL allows data-modifying CTEs only at the top level) nor `$` outside its placeholders.
 */
export function combineWrites(statements: readonly SqlStatement[]): SqlStatement | null {
  if (statements.length === 0) return null;
  if (statements.length === 1) return statements[0];
  const params: unknown[] = [];
  const ctes = statements.map((s, i) => {
    if (/^\s*WITH\b/i.test(s.sql)) throw new Error('combineWrites: a write with its own WITH cannot be a CTE');
    const offset = params.length;
    params.push(...s.params);
    const sql = s.sql.replace(/\$(\d+)/g, (_, n: string) => {
      const index = Number(n);
      if (index < 1 || index > s.params.length) throw new Error(`combineWrites: $${n} has no parameter`);
      return `$${index + offset}`;
    });
    return `w${i + 1} AS (${sql})`;
  });
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT 1`, params };
}
