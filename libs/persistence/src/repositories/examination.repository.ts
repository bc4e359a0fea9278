import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import type { Examination, NewExamination } from '@app/clearance/examination';
import { ExaminationRow } from '../entities/examination.entity';
import type { ExaminationFacts } from '@app/policy/operators/examinations';
import { OWN_REASON_CODES } from '@app/policy/own-reasons';
import type { DecidedBy } from '@app/contract/clearance-status';

const ENGINE_DECIDED_BY: DecidedBy = 'ENGINE';
/** An engine decision that only kept the status customs set: it re-decided nothing. */
const HOLD_KEPT_REASON = JSON.stringify([{ code: OWN_REASON_CODES.holdKept }]);

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
   * What the results say about a shipment whose row the caller has locked: whether an
   * inspection is still owed (it was sent to INSPECTION_REQUIRED and no result was recorded since
   * it entered that stretch), and whether any result found the goods falsified or seized.
   */
  async factsOf(tx: EntityManager, shipmentId: string): Promise<ExaminationFacts> {
    // The latest stretch in INSPECTION_REQUIRED starts after the last other decision before its
    // latest IR version; a result recorded at a version after that point settles it, and so does
    // a later engine decision on an event that lets the goods on without an inspection (an amendment
    // re-decided as DOCUMENT_CHECK or PRE_CLEARED), but not an officer's own moves, a delay notice (no
    // causing event), an engine decision to HELD (stricter still, e.g. a watchlist match) nor one that
    // kept the status an officer set (HOLD_KEPT: the engine re-decided nothing).
    const [facts]: { owed: boolean; stopped: boolean }[] = await tx.query(
      `WITH ir AS (SELECT max(version) AS v FROM decisions WHERE shipment_id = $1 AND status = 'INSPECTION_REQUIRED'),
            stretch AS (
              SELECT COALESCE(max(d.version), 0) AS after_v FROM decisions d, ir
               WHERE d.shipment_id = $1 AND d.status <> 'INSPECTION_REQUIRED' AND d.version < ir.v)
       SELECT ir.v IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM examinations e WHERE e.shipment_id = $1 AND e.shipment_version > stretch.after_v)
              AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.shipment_id = $1 AND d.version > ir.v AND d.decided_by = $2 AND d.causation_id IS NOT NULL
                                 AND d.status <> 'HELD' AND NOT d.reasons @> $3::jsonb) AS owed,
              EXISTS (SELECT 1 FROM examinations e WHERE e.shipment_id = $1 AND e.outcome IN ('FALSIFIED', 'SEIZED')) AS stopped
         FROM ir, stretch`,
      [shipmentId, ENGINE_DECIDED_BY, HOLD_KEPT_REASON],
    );
    return { inspectionOwed: facts.owed, goodsStopped: facts.stopped };
  }
}
