import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/config';
import { AuditLogRepository } from '@app/persistence';
import { RequestActor } from '../auth/principal';

export interface AuditedChange {
  /** e.g. `shipment.decide`, `ruleset.activate`, `watchlist.add`. */
  action: string;
  targetType: string;
  targetId: string | null;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

/** Writes who did what, when, from where, to what, in the transaction of the change itself. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  async record(tx: EntityManager, actor: RequestActor, change: AuditedChange): Promise<void> {
    await this.log.append(tx, {
      at: this.clock.now(),
      actor: actor.principal.actor,
      actorRole: actor.principal.role,
      remoteAddr: actor.remoteAddr,
      action: change.action,
      targetType: change.targetType,
      targetId: change.targetId,
      before: change.before ?? null,
      after: change.after ?? null,
      reason: change.reason ?? null,
    });
  }
}
