import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import type { Examination, NewExamination } from '@app/clearance/examination';
import { ExaminationRow } from '../entities/examination.entity';
import type { ExaminationFacts } from '@app/policy/operators/examinations';

function toExamination(row: ExaminationRow): Examination {
  return { ...row, quantityChecked: row.quantityChecked === null ? null : Number(row.quantityChecked) };
}

/** Examination results: recorded in the caller's transaction, read per shipment. */
@Injectable()
export class ExaminationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(tx: EntityManager, examination: NewExamination): Promise<Examination> {
    const row = await tx.getRepository(ExaminationRow).save(
      tx.getRepository(ExaminationRow).create({
        ...examination,
        quantityChecked: examination.quantityChecked === null ? null : String(examination.quantityChecked),
      }),
    );
    return toExamination(row);
  }

  /** Oldest first, after the id `afterId` when given. */
  async pageForShipment(shipmentId: string, limit: number, afterId?: string): Promise<Examination[]> {
    const rows = await this.dataSource.getRepository(ExaminationRow).find({
      where: afterId === undefined ? { shipmentId } : { shipmentId, id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map(toExamination);
  }

  /**
   * What the results say about a shipment whose row the caller has locked: whether one was
   * recorded since it last entered INSPECTION_REQUIRED (after its last version of another status),
   * and whether any found the goods falsified or seized.
   */
  async factsOf(tx: EntityManager, shipmentId: string): Promise<ExaminationFacts> {
    const [facts]: { examined: boolean; stopped: boolean }[] = await tx.query(
      `SELECT EXISTS (
                SELECT 1 FROM examinations e
                 WHERE e.shipment_id = $1
                   AND e.shipment_version > COALESCE(
                         (SELECT max(d.version) FROM decisions d WHERE d.shipment_id = $1 AND d.status <> 'INSPECTION_REQUIRED'), 0)
              ) AS examined,
              EXISTS (SELECT 1 FROM examinations e WHERE e.shipment_id = $1 AND e.outcome IN ('FALSIFIED', 'SEIZED')) AS stopped`,
      [shipmentId],
    );
    return { examinedSinceInspectionRequired: facts.examined, goodsStopped: facts.stopped };
  }
}
