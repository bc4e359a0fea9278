import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { claimedByAnother } from './claim-conflict';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import {
  ShipmentStateRepository,
  WorklistClaim,
  WorklistClaimRepository,
  WorklistItem,
  WorklistPosition,
  WorklistRepository,
} from '@app/persistence';
import { serviceLevelStanding, WORKLIST_STATUSES } from '@app/policy';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';
import { keysetPage } from '../common/paging';
import { WorklistClaimResult, WorklistClaimView, WorklistItemView, WorklistPage, WorklistQuery } from './worklist.dto';

const MINUTE_MS = 60_000;
const MICROSECOND_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const isPosition = (v: unknown): v is WorklistPosition => {
  const p = v as Partial<WorklistPosition> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    Number.isInteger(p.rank) &&
    (p.rank as number) >= 0 &&
    (p.rank as number) <= 2 &&
    typeof p.coldChain === 'boolean' &&
    typeof p.waitingSince === 'string' &&
    MICROSECOND_UTC.test(p.waitingSince) &&
    typeof p.shipmentId === 'string' &&
    /^[A-Za-z0-9._:-]{1,64}$/.test(p.shipmentId)
  );
};

function claimView(claim: Omit<WorklistClaim, 'shipmentId'>, actor: RequestActor): WorklistClaimView {
  return {
    claimedBy: claim.claimedBy,
    claimedAt: claim.claimedAt.toISOString(),
    expiresAt: claim.expiresAt.toISOString(),
    mine: claim.claimedBy === actor.principal.actor,
  };
}

/** The officers' queue (docs/contract.md#operators-work) and their claims on its items. */
@Injectable()
export class WorklistService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly worklist: WorklistRepository,
    private readonly claims: WorklistClaimRepository,
    private readonly shipments: ShipmentStateRepository,
    private readonly audit: AuditTrail,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  list(query: WorklistQuery, actor: RequestActor): Promise<WorklistPage> {
    const now = this.clock.now();
    return keysetPage(query, {
      isCursor: isPosition,
      fetch: (limit, after) =>
        this.worklist.page({
          status: query.status,
          priority: query.priority,
          entryLocation: query.entryLocation,
          claimed: query.claimed === undefined ? undefined : query.claimed === 'true',
          now,
          after,
          limit,
        }),
      cursorOf: (item) => item.position,
      toView: (item) => this.toView(item, actor, now),
    });
  }

  /** Claims the item for the caller, or renews the caller's claim; 409 while another officer holds it. */
  claim(shipmentId: string, actor: RequestActor): Promise<WorklistClaimResult> {
    return this.dataSource.transaction(async (tx) => {
      const row = (await this.shipments.lockMany(tx, [shipmentId])).get(shipmentId);
      if (!row) throw new NotFoundException(`No shipment ${shipmentId}`);
      if (!WORKLIST_STATUSES.includes(row.status)) {
        throw new ConflictException(`${shipmentId} is ${row.status}: only ${WORKLIST_STATUSES.join(', ')} shipments are on the worklist`);
      }
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + this.config.operatorsWork.claimMinutes * MINUTE_MS);
      const claim = await this.claims.claim(tx, shipmentId, actor.principal.actor, now, expiresAt);
      if (claim.claimedBy !== actor.principal.actor) throw claimedByAnother(shipmentId, claim);
      await this.audit.record(tx, actor, {
        action: 'worklist.claim',
        targetType: 'shipment',
        targetId: shipmentId,
        after: { claimedBy: claim.claimedBy, expiresAt: claim.expiresAt.toISOString() },
      });
      return { shipmentId, claim: claimView(claim, actor) };
    });
  }

  /** Gives the item back; nothing to do when nobody holds it; 409 while another officer does. */
  releaseClaim(shipmentId: string, actor: RequestActor): Promise<WorklistClaimResult> {
    return this.dataSource.transaction(async (tx) => {
      const row = (await this.shipments.lockMany(tx, [shipmentId])).get(shipmentId);
      if (!row) throw new NotFoundException(`No shipment ${shipmentId}`);
      const claim = await this.claims.liveClaim(tx, shipmentId, this.clock.now());
      if (claim && claim.claimedBy !== actor.principal.actor) throw claimedByAnother(shipmentId, claim);
      await this.claims.remove(tx, shipmentId);
      if (claim) {
        await this.audit.record(tx, actor, {
          action: 'worklist.release-claim',
          targetType: 'shipment',
          targetId: shipmentId,
          before: { claimedBy: claim.claimedBy, expiresAt: claim.expiresAt.toISOString() },
        });
      }
      return { shipmentId, claim: null };
    });
  }

  private toView(item: WorklistItem, actor: RequestActor, now: Date): WorklistItemView {
    const standing = serviceLevelStanding(this.config.operatorsWork.serviceLevels, item, now);
    return {
      shipmentId: item.shipmentId,
      status: item.status,
      priority: item.priority,
      coldChain: item.coldChain,
      version: item.version,
      entryLocation: item.entryLocation,
      transportMode: item.transportMode,
      consigneeName: item.consigneeName,
      estimatedArrival: item.estimatedArrival,
      submittedAt: item.submittedAt?.toISOString() ?? null,
      arrivedAt: item.arrivedAt?.toISOString() ?? null,
      waitingSince: item.waitingSince.toISOString(),
      dwellMinutes: Math.max(0, Math.floor((now.getTime() - item.waitingSince.getTime()) / MINUTE_MS)),
      claim: item.claim ? claimView(item.claim, actor) : null,
      serviceLevel: {
        state: standing.state,
        thresholdMinutes: standing.thresholdMinutes,
        dueAt: standing.dueAt?.toISOString() ?? null,
        alertRaisedAt: item.alertRaisedAt?.toISOString() ?? null,
      },
    };
  }
}
