import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { applyManualStatusChange, Shipment, StatusChangeWriter } from '@app/clearance';
import { Clock } from '@app/config';
import { ClearanceStatus, ClearanceStatusData } from '@app/contract';
import { ExaminationRepository, RulesetRepository, ShipmentStateRepository, WorklistClaimRepository } from '@app/persistence';
import { canOperatorMove, examinationGate, OPERATOR_MOVES, OPERATOR_RULE_ID, OWN_REASON_CODES, WORKLIST_STATUSES } from '@app/policy';
import { AuditTrail } from '../audit/audit-trail';
import { claimedByAnother } from '../worklist/claim-conflict';
import { RequestActor } from '../auth/principal';

export interface DecideShipmentCommand {
  shipmentId: string;
  status: ClearanceStatus;
  /** Internal: audited, in the history, never sent to the trade. */
  reason: string;
  /** For the trade; a generic reason when absent. */
  publicReason?: string;
  /** Release although the inspection the shipment was sent to is owed: audited, and counted as an override. */
  waiveInspection?: boolean;
  actor: RequestActor;
}

/** A move the examinations allow, and whether it waived an owed inspection. */
interface CheckedMove extends DecideShipmentCommand {
  inspectionWaived?: boolean;
}

/** What the trade reads of an operator's decision without a public reason of its own. */
const GENERIC_PUBLIC_REASON = 'Decided by a customs officer.';

/** The internal reason a decision that waived an owed inspection carries beside the officer's own. */
const inspectionWaivedMessage = (status: ClearanceStatus) =>
  `${status} without the examination INSPECTION_REQUIRED asked for: the officer waived the inspection.`;

/**
 * An operator's manual decision: a move allowed by docs/contract.md#operator-moves and by the
 * examinations (a result, or an explicit waiver, before an inspected shipment is released;
 * falsified or seized goods stay HELD), published and audited.
 */
@Injectable()
export class DecideShipmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shipments: ShipmentStateRepository,
    private readonly rulesets: RulesetRepository,
    private readonly examinations: ExaminationRepository,
    private readonly claims: WorklistClaimRepository,
    private readonly statusChanges: StatusChangeWriter,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  decide(command: DecideShipmentCommand): Promise<ClearanceStatusData> {
    const { shipmentId, status } = command;
    return this.dataSource.transaction(async (tx) => {
      // The lock serialises this decision with the engine and other operators on the same shipment.
      const row = (await this.shipments.lockMany(tx, [shipmentId])).get(shipmentId);
      if (!row) throw new NotFoundException(`No shipment ${shipmentId}`);
      if (!canOperatorMove(row.status, status)) {
        const allowed = OPERATOR_MOVES[row.status];
        throw new ConflictException(
          `${shipmentId} cannot move from ${row.status} to ${status}: ` +
            (allowed.length ? `allowed moves from ${row.status} are ${allowed.join(', ')}` : `${row.status} allows no operator move`),
        );
      }
      await this.mustNotBeClaimedByAnother(tx, shipmentId, command.actor);
      const gate = examinationGate(
        { from: row.status, to: status, waiveInspection: command.waiveInspection === true },
        await this.examinations.factsOf(tx, shipmentId),
      );
      if (!gate.allowed) throw new ConflictException(`${shipmentId} cannot move from ${row.status} to ${status}: ${gate.problem}`);
      return this.move(tx, row, { ...command, inspectionWaived: gate.inspectionWaived });
    });
  }

  /**
   * Writes, publishes and audits a move of a shipment whose row `tx` holds locked; the caller
   * has checked that the move is allowed. A waived inspection is said in the decision's internal
   * reasons (the history) and flagged in its audit entry; the trade reads only the public reason.
   */
  async move(tx: EntityManager, row: Shipment, command: CheckedMove): Promise<ClearanceStatusData> {
    const { shipmentId, status, reason, publicReason, actor, inspectionWaived = false } = command;
    const transition = applyManualStatusChange({
      current: row,
      status,
      reasons: [
        { code: OWN_REASON_CODES.operatorDecision, ruleId: OPERATOR_RULE_ID, message: reason },
        ...(inspectionWaived
          ? [{ code: OWN_REASON_CODES.inspectionWaived, ruleId: OPERATOR_RULE_ID, message: inspectionWaivedMessage(status) }]
          : []),
      ],
      publicReasons: [
        { code: OWN_REASON_CODES.operatorDecision, ruleId: OPERATOR_RULE_ID, message: publicReason ?? GENERIC_PUBLIC_REASON },
      ],
      holdBy: 'OPERATOR',
      decidedBy: `OPERATOR:${actor.principal.keyId}`,
      activeRulesetVersion: row.rulesetVersion ?? (await this.rulesets.activeVersion(tx)),
      at: this.clock.now(),
    });
    await this.statusChanges.write(tx, [transition]);
    // Off the worklist, nobody works it any more; should it come back, it comes back free.
    if (!WORKLIST_STATUSES.includes(transition.shipment.status)) await this.claims.remove(tx, shipmentId);
    await this.audit.record(tx, actor, {
      action: 'shipment.decide',
      targetType: 'shipment',
      targetId: shipmentId,
      before: { status: row.status, version: row.version },
      after: {
        status: transition.shipment.status,
        version: transition.shipment.version,
        publicReason: publicReason ?? null,
        ...(inspectionWaived ? { inspectionWaived } : {}),
      },
      reason,
    });
    return transition.status;
  }

  /** 409 while another officer holds a live claim on the shipment's worklist item. */
  async mustNotBeClaimedByAnother(tx: EntityManager, shipmentId: string, actor: RequestActor): Promise<void> {
    const claim = await this.claims.liveClaim(tx, shipmentId, this.clock.now());
    if (claim && claim.claimedBy !== actor.principal.actor) throw claimedByAnother(shipmentId, claim);
  }
}
