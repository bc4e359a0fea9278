import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { applyDelayNotice, StatusChangeWriter } from '@app/clearance';
import { AppConfig, Clock } from '@app/config';
import { METRICS_REGISTRY } from '@app/metrics';
import { AuditLogRepository, RulesetRepository, ServiceLevelAlertRepository, ShipmentStateRepository } from '@app/persistence';
import { delayNoticeMessage, serviceLevelStanding, WORKLIST_STATUSES } from '@app/policy';

/** Candidates looked at per check; the rest wait for the next one. */
const CHECK_BATCH = 500;
const MINUTE_MS = 60_000;
/** How the backend itself appears in the audit log. */
const MONITOR_ACTOR = 'system:service-levels';

/**
 * Raises the service-level alert of each open shipment past its release target from arrival, once
 * per shipment (the alert's primary key, under the shipment's row lock): counted in
 * clearance_service_level_alerts_total, flagged on the worklist, audited, and a delay notice is
 * published to the trade as the shipment's next status version (WTO TFA Art. 7.9).
 */
@Injectable()
export class ServiceLevelMonitor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ServiceLevelMonitor.name);
  private readonly alerts: Counter<'priority' | 'cold_chain'>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly alertRows: ServiceLevelAlertRepository,
    private readonly shipments: ShipmentStateRepository,
    private readonly rulesets: RulesetRepository,
    private readonly statusChanges: StatusChangeWriter,
    private readonly auditLog: AuditLogRepository,
    private readonly clock: Clock,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.alerts = new Counter({
      name: 'clearance_service_level_alerts_total',
      help: 'Shipments that passed their release target from arrival (SERVICE_LEVELS), once each, by priority and cold chain',
      labelNames: ['priority', 'cold_chain'],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.operatorsWork.serviceLevels.length === 0) return;
    this.timer = setInterval(() => void this.checkNow(), this.config.operatorsWork.serviceLevelCheckIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One check (a check already running is awaited instead); the number of alerts raised. */
  checkNow(): Promise<number> {
    this.running ??= this.check()
      .catch((error: unknown) => {
        this.logger.error(`Service-level check failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  private async check(): Promise<number> {
    const thresholds = this.config.operatorsWork.serviceLevels;
    if (thresholds.length === 0) return 0;
    const now = this.clock.now();
    const shortest = Math.min(...thresholds.map((t) => t.minutes));
    const candidates = await this.alertRows.candidates(new Date(now.getTime() - shortest * MINUTE_MS), CHECK_BATCH);
    let raised = 0;
    for (const candidate of candidates) {
      if (serviceLevelStanding(thresholds, candidate, now).state !== 'BREACHED') continue;
      if (await this.raise(candidate.shipmentId, now)) {
        this.alerts.inc({ priority: candidate.priority, cold_chain: String(candidate.coldChain) });
        raised++;
      }
    }
    return raised;
  }

  /** In one transaction, under the shipment's lock: checked again as it stands now, then alert, notice and audit. */
  private raise(shipmentId: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const row = (await this.shipments.lockMany(tx, [shipmentId])).get(shipmentId);
      if (!row || !row.arrivedAt || !WORKLIST_STATUSES.includes(row.status)) return false;
      const standing = serviceLevelStanding(this.config.operatorsWork.serviceLevels, row, now);
      if (standing.state !== 'BREACHED' || standing.thresholdMinutes === null) return false;
      const alert = { ...row, arrivedAt: row.arrivedAt, thresholdMinutes: standing.thresholdMinutes, raisedAt: now };
      if (!(await this.alertRows.raise(tx, alert))) return false;
      const transition = applyDelayNotice({
        current: row,
        message: delayNoticeMessage({ thresholdMinutes: standing.thresholdMinutes }, row.arrivedAt),
        activeRulesetVersion: row.rulesetVersion ?? (await this.rulesets.activeVersion(tx)),
        at: now,
      });
      await this.statusChanges.write(tx, [transition]);
      await this.auditLog.append(tx, {
        at: now,
        actor: MONITOR_ACTOR,
        actorRole: null,
        remoteAddr: null,
        action: 'shipment.service-level-alert',
        targetType: 'shipment',
        targetId: shipmentId,
        before: { status: row.status, version: row.version },
        after: { version: transition.shipment.version, thresholdMinutes: standing.thresholdMinutes, dueAt: standing.dueAt?.toISOString() },
        reason: `Not released within ${standing.thresholdMinutes} minutes of arrival`,
      });
      return true;
    });
  }
}
