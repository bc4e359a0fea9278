import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReferenceListName } from '@app/policy/types';
import { ReferenceListRow } from '../entities';

/** The operator-managed reference lists of the policy, one row per list. */
@Injectable()
export class ReferenceListRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(name: ReferenceListName): Promise<ReferenceListRow | null> {
    return this.dataSource.getRepository(ReferenceListRow).findOne({ where: { name } });
  }

  /** The list as it is now, locked until the transaction ends (so concurrent updates audit the right "before"). */
  findForUpdate(tx: EntityManager, name: ReferenceListName): Promise<ReferenceListRow | null> {
    return tx.getRepository(ReferenceListRow).findOne({ where: { name }, lock: { mode: 'pessimistic_write' } });
  }

  /** Replaces the entries (or creates the list if a migration never seeded it). */
  async save(tx: EntityManager, row: ReferenceListRow): Promise<void> {
    await tx.getRepository(ReferenceListRow).upsert(row, ['name']);
  }
}
