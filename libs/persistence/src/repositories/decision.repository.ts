import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DecisionRow } from '../entities';

/** The append-only history of decisions (one per published status version). */
@Injectable()
export class DecisionRepository {
  async appendMany(tx: EntityManager, rows: Omit<DecisionRow, 'id'>[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.createQueryBuilder().insert().into(DecisionRow).values(rows).execute();
  }
}
