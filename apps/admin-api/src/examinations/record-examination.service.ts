import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Examination } from '@app/clearance';
import { Clock } from '@app/config';
import { ClearanceStatusData } from '@app/contract';
import { ExaminationRepository, ShipmentStateRepository } from '@app/persistence';
import { EXAMINABLE_STATUSES, ExaminationOutcome, examinationStopsGoods } from '@app/policy';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';
import { DecideShipmentService } from '../shipments/decide-shipment.service';

export interface RecordExaminationCommand {
  shipmentId: string;
  outcome: ExaminationOutcome;
  findings: string;
  temperatureControlledFacility: boolean;
  quantityChecked: number | null;
  actor: RequestActor;
}

/** What the trade reads when an examination holds its goods; the findings stay with customs. */
const HELD_AFTER_EXAMINATION = 'Held after customs examination.';

/**
 * Records an examination result for an open shipment, audited; a FALSIFIED or SEIZED result holds
 * the shipment (a published operator move to HELD) and keeps it HELD from then on.
 */
@Injectable()
export class RecordExaminationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shipments: ShipmentStateRepository,
    private readonly examinations: ExaminationRepository,
    private readonly decisions: DecideShipmentService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  record(command: RecordExaminationCommand): Promise<{ examination: Examination; statusChange: ClearanceStatusData | null }> {
    const { shipmentId, actor } = command;
    return this.dataSource.transaction(async (tx) => {
      const row = (await this.shipments.lockMany(tx, [shipmentId])).get(shipmentId);
      if (!row) throw new NotFoundException(`No shipment ${shipmentId}`);
      if (!EXAMINABLE_STATUSES.includes(row.status)) {
        throw new ConflictException(`${shipmentId} is ${row.status}: results are recorded for ${EXAMINABLE_STATUSES.join(', ')} shipments`);
      }
      await this.decisions.mustNotBeClaimedByAnother(tx, shipmentId, actor);
      const examination = await this.examinations.record(tx, {
        shipmentId,
        shipmentVersion: row.version,
        statusAtExamination: row.status,
        outcome: command.outcome,
        findings: command.findings,
        temperatureControlledFacility: command.temperatureControlledFacility,
        quantityChecked: command.quantityChecked,
        recordedBy: actor.principal.actor,
        recordedAt: this.clock.now(),
      });
      await this.audit.record(tx, actor, {
        action: 'shipment.examine',
        targetType: 'shipment',
        targetId: shipmentId,
        after: { examinationId: examination.id, outcome: examination.outcome, status: row.status, version: row.version },
        reason: command.findings,
      });
      const holds = examinationStopsGoods(command.outcome) && row.status !== 'HELD';
      const statusChange = holds
        ? await this.decisions.move(tx, row, {
            shipmentId,
            status: 'HELD',
            reason: `Examination ${examination.id}: ${command.outcome}. ${command.findings}`,
            publicReason: HELD_AFTER_EXAMINATION,
            actor,
          })
        : null;
      return { examination, statusChange };
    });
  }
}
