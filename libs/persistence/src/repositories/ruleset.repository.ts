import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { RulesetRow } from '../entities';

export type NewRuleset = Omit<RulesetRow, 'version' | 'active' | 'activatedAt' | 'approvedBy' | 'approvedAt'>;

/** Versions of the clearance policy. Changes run in the caller's transaction, after lockForChange. */
@Injectable()
export class RulesetRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest version first, below `beforeVersion` when given. */
  page(limit: number, beforeVersion?: number): Promise<RulesetRow[]> {
    return this.dataSource
      .getRepository(RulesetRow)
      .find({ where: beforeVersion === undefined ? {} : { version: LessThan(beforeVersion) }, order: { version: 'DESC' }, take: limit });
  }

  findByVersion(version: number, tx: EntityManager = this.dataSource.manager): Promise<RulesetRow | null> {
    return tx.getRepository(RulesetRow).findOne({ where: { version } });
  }

  findActive(tx: EntityManager): Promise<RulesetRow | null> {
    return tx.getRepository(RulesetRow).findOne({ where: { active: true } });
  }

  /** The active version's number; an error when none is active (the migrations seed version 1). */
  async activeVersion(tx: EntityManager): Promise<number> {
    const active = await this.findActive(tx);
    if (!active) throw new Error('No active ruleset: run the migrations, or activate a ruleset version.');
    return active.version;
  }

  /**
   * Serialises changes to rulesets until the transaction ends (concurrent creates would pick
   * the same next version; concurrent activations would both deactivate the same row and
   * trip the one-active index). The mode conflicts with itself and with writes, not with reads,
   * so the engine keeps deciding meanwhile.
   */
  async lockForChange(tx: EntityManager): Promise<void> {
    await tx.query('LOCK TABLE rulesets IN SHARE ROW EXCLUSIVE MODE');
  }

  /** Inserts the next version, inactive. Call after lockForChange. */
  async insertNextVersion(tx: EntityManager, ruleset: NewRuleset): Promise<RulesetRow> {
    const [{ version }] = await tx.query(
      `INSERT INTO rulesets (version, document, active, created_by, created_at)
       SELECT COALESCE(MAX(version), 0) + 1, $1, false, $2, $3 FROM rulesets
       RETURNING version`,
      [JSON.stringify(ruleset.document), ruleset.createdBy, ruleset.createdAt],
    );
    return { ...ruleset, version, active: false, activatedAt: null, approvedBy: null, approvedAt: null };
  }

  /** Records the second admin's approval. Call after lockForChange. */
  async approve(tx: EntityManager, version: number, by: string, at: Date): Promise<void> {
    await tx.getRepository(RulesetRow).update({ version }, { approvedBy: by, approvedAt: at });
  }

  /** Makes `version` the active one. The old one is deactivated first: the unique index allows one active row. */
  async switchActive(tx: EntityManager, version: number, at: Date): Promise<void> {
    const rulesets = tx.getRepository(RulesetRow);
    await rulesets.update({ active: true }, { active: false });
    await rulesets.update({ version }, { active: true, activatedAt: at });
  }
}
