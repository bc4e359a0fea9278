import { Injectable } from '@nestjs/common';
import { Clock } from '@app/config';
import { CLEARANCE_STATUSES, ClearanceStatus, PRIORITIES, Priority } from '@app/contract';
import { ReleaseTimeStatsRepository } from '@app/persistence';
import { fieldErrors } from '../common/validation';
import { PriorityReleaseTimesView, ReleaseTimesView, ShipmentCountsView } from './stats.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_WINDOW_DAYS = 30;
/** Bounds the scan: a year (a leap year included) is the longest window a Time Release Study compares. */
const MAX_WINDOW_DAYS = 366;

/**
 * Time Release Study figures: submission (pre-arrival declaration) to release per priority, and
 * its cuts (submission to arrival, arrival to release, time in each status) by group.
 */
@Injectable()
export class ReleaseTimeStatsService {
  constructor(
    private readonly stats: ReleaseTimeStatsRepository,
    private readonly clock: Clock,
  ) {}

  /** [from, to) of a query: by default the 30 days up to now; at most 366 days. */
  window(window: { from?: string; to?: string }): { from: Date; to: Date } {
    const to = window.to ? new Date(window.to) : this.clock.now();
    const from = window.from ? new Date(window.from) : new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
    if (from.getTime() > to.getTime()) throw fieldErrors([{ field: 'from', message: 'from must not be after to' }]);
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw fieldErrors([{ field: 'to', message: `the window from..to must not exceed ${MAX_WINDOW_DAYS} days` }]);
    }
    return { from, to };
  }

  /** Live counts of every shipment by status and priority. */
  async counts(): Promise<ShipmentCountsView> {
    const rows = await this.stats.countsByStatusAndPriority();
    const count = (status: ClearanceStatus, priority: Priority) =>
      rows.find((r) => r.status === status && r.priority === priority)?.count ?? 0;
    const byStatusAndPriority = Object.fromEntries(
      CLEARANCE_STATUSES.map((s) => [s, Object.fromEntries(PRIORITIES.map((p) => [p, count(s, p)]))]),
    ) as Record<ClearanceStatus, Record<Priority, number>>;
    const byStatus = Object.fromEntries(CLEARANCE_STATUSES.map((s) => [s, PRIORITIES.reduce((sum, p) => sum + count(s, p), 0)])) as Record<
      ClearanceStatus,
      number
    >;
    return { byStatusAndPriority, byStatus };
  }

  async releaseTimes(query: { from?: string; to?: string }): Promise<ReleaseTimesView> {
    const { from, to } = this.window(query);
    const [released, counts, intervals, timeInStatus] = await Promise.all([
      this.stats.releaseTimes(from, to),
      this.stats.countsByStatus(from, to),
      this.stats.intervals(from, to),
      this.stats.timeInStatus(from, to),
    ]);
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
    const dimensions = ['all', 'priority', 'coldChain', 'transportMode', 'entryLocation'];
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      byPriority,
      countsByStatus,
      intervals: intervals
        .sort((a, b) => dimensions.indexOf(a.dimension) - dimensions.indexOf(b.dimension) || String(a.key).localeCompare(String(b.key)))
        .map((i) => ({
          ...i,
          releasedWithin: i.releasedWithin.map((w) => ({
            ...w,
            share: i.arrivalToRelease.count === 0 ? null : w.count / i.arrivalToRelease.count,
          })),
        })),
      timeInStatus: timeInStatus.sort((a, b) => CLEARANCE_STATUSES.indexOf(a.status) - CLEARANCE_STATUSES.indexOf(b.status)),
    };
  }
}
