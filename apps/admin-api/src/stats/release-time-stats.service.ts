import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { CLEARANCE_STATUSES, ClearanceStatus, PRIORITIES, Priority } from '@app/contract';
import { ReleaseTimeStatsRepository } from '@app/persistence';
import { fieldErrors } from '../common/validation';
import { PriorityReleaseTimesView, ReleaseTimesView } from './stats.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_WINDOW_DAYS = 30;
/** Bounds the scan: a year (a leap year included) is the longest window a Time Release Study compares. */
const MAX_WINDOW_DAYS = 366;

/** Time Release Study figures: submission (pre-arrival declaration) to release, per priority. */
@Injectable()
export class ReleaseTimeStatsService {
  constructor(
    private readonly stats: ReleaseTimeStatsRepository,
    private readonly clock: Clock,
  ) {}

  async releaseTimes(window: { from?: string; to?: string }): Promise<ReleaseTimesView> {
    const to = window.to ? new Date(window.to) : this.clock.now();
    const from = window.from ? new Date(window.from) : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
    if (from.getTime() > to.getTime()) throw fieldErrors([{ field: 'from', message: 'from must not be after to' }]);
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw fieldErrors([{ field: 'to', message: `the window from..to must not exceed ${MAX_WINDOW_DAYS} days` }]);
    }

    const [released, counts] = await Promise.all([this.stats.releaseTimes(from, to), this.stats.countsByStatus(from, to)]);
    const byPriority = Object.fromEntries(
      PRIORITIES.map((p): [Priority, PriorityReleaseTimesView] => {
        const r = released.find((x) => x.priority === p);
        return [
          p,
          {
            released: r?.released ?? 0,
            p50Minutes: r?.p50Minutes ?? null,
            p90Minutes: r?.p90Minutes ?? null,
            p99Minutes: r?.p99Minutes ?? null,
          },
        ];
      }),
    ) as Record<Priority, PriorityReleaseTimesView>;
    const countsByStatus = Object.fromEntries(CLEARANCE_STATUSES.map((s) => [s, counts.get(s) ?? 0])) as Record<ClearanceStatus, number>;
    return { from: from.toISOString(), to: to.toISOString(), byPriority, countsByStatus };
  }
}
