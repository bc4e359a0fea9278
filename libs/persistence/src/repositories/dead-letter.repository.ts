import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeadLetterRow } from '../entities';

@Injectable()
export class DeadLetterRepository {
  async appendMany(tx: EntityManager, rows: Omit<DeadLetterRow, 'id' | 'replayedAt' | 'replayCount'>[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.createQueryBuilder().insert().into(DeadLetterRow).values(rows).execute();
  }
}
