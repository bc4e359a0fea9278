import { type EntityManager } from 'typeorm';

/** One SQL statement and its parameters, numbered from $1. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
  /**
   * The statement's own CTEs (`WITH name AS (...)`, data-modifying ones included), kept apart so
   * that combined with others they go to the top level: PostgreSQL nests no data-modifying CTE.
   * Their names must differ from every other write's.
   */
  ctes?: { name: string; sql: string }[];
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
  else await target.query(withCtes(statement.ctes ?? [], statement.sql), statement.params);
}

/** The transaction behind a write target. */
export const transactionOf = (target: WriteTarget): EntityManager => (target instanceof GatheredWrites ? target.tx : target);

const withCtes = (ctes: { name: string; sql: string }[], sql: string): string =>
  ctes.length === 0 ? sql : `WITH ${ctes.map((c) => `${c.name} AS (${c.sql})`).join(',\n')}\n${sql}`;

/**
 * Several writes as one statement: `WITH <their own CTEs>, w1 AS (...), w2 AS (...) SELECT 1`,
 * each write's parameters renumbered after those before it. A write's SQL must not begin with a
 * WITH of its own (it gives its CTEs apart, see SqlStatement) nor hold `$` outside its placeholders.
 */
export function combineWrites(statements: readonly SqlStatement[]): SqlStatement | null {
  if (statements.length === 0) return null;
  if (statements.length === 1) return { sql: withCtes(statements[0].ctes ?? [], statements[0].sql), params: statements[0].params };
  const params: unknown[] = [];
  const ctes: { name: string; sql: string }[] = [];
  statements.forEach((s, i) => {
    if (/^\s*WITH\b/i.test(s.sql)) throw new Error('combineWrites: a write with its own WITH cannot be a CTE (give its CTEs apart)');
    const offset = params.length;
    params.push(...s.params);
    const renumbered = (sql: string) =>
      sql.replace(/\$(\d+)/g, (_, n: string) => {
        const index = Number(n);
        if (index < 1 || index > s.params.length) throw new Error(`combineWrites: $${n} has no parameter`);
        return `$${index + offset}`;
      });
    for (const cte of s.ctes ?? []) {
      if (ctes.some((c) => c.name === cte.name)) throw new Error(`combineWrites: two CTEs named ${cte.name}`);
      ctes.push({ name: cte.name, sql: renumbered(cte.sql) });
    }
    ctes.push({ name: `w${i + 1}`, sql: renumbered(s.sql) });
  });
  return { sql: withCtes(ctes, 'SELECT 1'), params };
}
