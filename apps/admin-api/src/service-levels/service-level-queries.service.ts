import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '@app/config';
import { ServiceLevelAlertRepository } from '@app/persistence';
import { fieldErrors } from '../common/validation';
import { ServiceLevelsView } from './service-levels.dto';

const DEFAULT_WINDOW_MS = 24 * 60 * 60_000;
const MAX_ALERTS = 200;

/** What the dashboard shows of service levels: the targets and the recent alerts. */
@Injectable()
export class ServiceLevelQueries {
  constructor(
    private readonly alerts: ServiceLevelAlertRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async view(window: { from?: string; to?: string }): Promise<ServiceLevelsView> {
    const to = window.to ? new Date(window.to) : this.clock.now();
    const from = window.from ? new Date(window.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
    if (from.getTime() > to.getTime()) throw fieldErrors([{ field: 'from', message: 'from must not be after to' }]);
    const alerts = await this.alerts.recent(from, to, MAX_ALERTS);
    return {
      thresholds: this.config.operatorsWork.serviceLevels.map((t) => ({ ...t })),
      alerts: alerts.map((a) => ({
        shipmentId: a.shipmentId,
        priority: a.priority,
        coldChain: a.coldChain,
        thresholdMinutes: a.thresholdMinutes,
        arrivedAt: a.arrivedAt.toISOString(),
        raisedAt: a.raisedAt.toISOString(),
        status: a.status,
      })),
    };
  }
}
