import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ClearanceStatus, Priority } from '@app/contract/clearance-status';

export interface ReleaseTimes {
  priority: Priority;
  released: number;
  /** Minutes from submission to release; null when no released shipment had a submission. */
  p50Minutes: number | null;
  p90Minutes: number | null;
  p99Minutes: number | null;
}

/** p50/p90/p99 minutes of one interval over `count` shipments (null figures when none). */
export interface IntervalFigures {
  count: number;
  p50Minutes: number | null;
  p90Minutes: number | null;
  p99Minutes: number | null;
}

export type IntervalDimension = 'all' | 'priority' | 'coldChain' | 'transportMode' | 'entryLocation';

/** The Time Release Study's cuts of the shipments released in a window, for one group of one dimension. */
export interface ReleaseIntervals {
  dimension: IntervalDimension;
  /** The group's value (e.g. CRITICAL, true, AIR, IDCGK); null for `all`, or when the declaration does not say. */
  key: string | null;
  released: number;
  submissionToArrival: IntervalFigures;
  arrivalToRelease: IntervalFigures;
  /** Of the released that arrived: how many were released within 0, 15, 60 and 240 minutes of arrival. */
  releasedWithin: { minutes: number; count: number }[];
}

/** A Prometheus histogram's series of one interval for one priority and cold chain (cumulative buckets). */
export interface IntervalHistogram {
  interval: 'submission_to_arrival' | 'arrival_to_release';
  priority: Priority;
  coldChain: boolean;
  buckets: { le: number; count: number }[];
  count: number;
  sum: number;
}

export const RELEASED_WITHIN_MINUTES = [0, 15, 60, 240] as const;

const percentiles = (column: string) =>
  `count(${column})::int AS ${column}_n,
   percentile_cont(0.5) WITHIN GROUP (ORDER BY ${column}) AS ${column}_p50,
   percentile_cont(0.9) WITHIN GROUP (ORDER BY ${column}) AS ${column}_p90,
   percentile_cont(0.99) WITHIN GROUP (ORDER BY ${column}) AS ${column}_p99`;

type FigureRecord = Record<string, number | null>;
const figures = (r: FigureRecord, column: string): IntervalFigures => ({
  count: r[`${column}_n`] ?? 0,
  p50Minutes: r[`${column}_p50`],
  p90Minutes: r[`${column}_p90`],
  p99Minutes: r[`${column}_p99`],
});

/** Time Release Study figures, computed by PostgreSQL over the current shipment rows. */
@Injectable()
export class ReleaseTimeStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Shipments released in [from, to), per priority present. A shipment released without a
   * declaration (no submitted_at) counts as released but has no release time: the ordered-set
   * aggregates skip nulls.
   */
  async releaseTimes(from: Date, to: Date): Promise<ReleaseTimes[]> {
    const rows: { priority: Priority; released: number; p50: number | null; p90: number | null; p99: number | null }[] =
      await this.dataSource.query(
        `WITH released AS (
           SELECT priority, EXTRACT(EPOCH FROM released_at - submitted_at)::float8 / 60 AS minutes
           FROM shipments
           WHERE released_at >= $1 AND released_at < $2
         )
         SELECT priority,
                count(*)::int AS released,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) AS p50,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) AS p90,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY minutes) AS p99
         FROM released
         GROUP BY priority`,
        [from, to],
      );
    return rows.map((r) => ({ priority: r.priority, released: r.released, p50Minutes: r.p50, p90Minutes: r.p90, p99Minutes: r.p99 }));
  }

  /**
   * Shipments released in [from, to): submission to arrival, arrival to release and the shares
   * released within 0/15/60/240 minutes of arrival, over all and by priority, cold chain,
   * transport mode and entry location.
   */
  async intervals(from: Date, to: Date): Promise<ReleaseIntervals[]> {
    const within = RELEASED_WITHIN_MINUTES.map((m) => `count(*) FILTER (WHERE a2r <= ${m})::int AS within_${m}`).join(', ');
    const rows: (FigureRecord & { g_priority: number; g_cold: number; g_mode: number; g_location: number; released: number } & Record<
        string,
        unknown
      >)[] = await this.dataSource.query(
      `WITH released AS (
         SELECT priority, cold_chain::text AS cold_chain,
                declaration #>> '{transport,mode}' AS transport_mode,
                declaration #>> '{route,entryLocation}' AS entry_location,
                EXTRACT(EPOCH FROM arrived_at - submitted_at)::float8 / 60 AS s2a,
                EXTRACT(EPOCH FROM released_at - arrived_at)::float8 / 60 AS a2r
           FROM shipments
          WHERE released_at >= $1 AND released_at < $2
       )
       SELECT GROUPING(priority) AS g_priority, GROUPING(cold_chain) AS g_cold, GROUPING(transport_mode) AS g_mode,
              GROUPING(entry_location) AS g_location, priority, cold_chain, transport_mode, entry_location,
              count(*)::int AS released, ${percentiles('s2a')}, ${percentiles('a2r')}, ${within}
         FROM released
        GROUP BY GROUPING SETS ((), (priority), (cold_chain), (transport_mode), (entry_location))`,
      [from, to],
    );
    return rows.map((r) => {
      const [dimension, key]: [IntervalDimension, unknown] =
        r.g_priority === 0
          ? ['priority', r.priority]
          : r.g_cold === 0
            ? ['coldChain', r.cold_chain]
            : r.g_mode === 0
              ? ['transportMode', r.transport_mode]
              : r.g_location === 0
                ? ['entryLocation', r.entry_location]
                : ['all', null];
      return {
        dimension,
        key: typeof key === 'string' ? key : null,
        released: r.released,
        submissionToArrival: figures(r, 's2a'),
        arrivalToRelease: figures(r, 'a2r'),
        releasedWithin: RELEASED_WITHIN_MINUTES.map((minutes) => ({ minutes, count: Number(r[`within_${minutes}`]) })),
      };
    });
  }

  /**
   * Time in each status of the shipments released in [from, to): from the version that entered a
   * status to the next version of another status (versions that kept the status do not split it).
   */
  async timeInStatus(from: Date, to: Date): Promise<(IntervalFigures & { status: ClearanceStatus })[]> {
    const rows: (FigureRecord & { status: ClearanceStatus })[] = await this.dataSource.query(
      `WITH changes AS (
         SELECT d.shipment_id, d.version, d.status, d.decided_at,
                lag(d.status) OVER (PARTITION BY d.shipment_id ORDER BY d.version) AS previous
           FROM decisions d
          WHERE d.shipment_id IN (SELECT shipment_id FROM shipments WHERE released_at >= $1 AND released_at < $2)
       ), stints AS (
         SELECT status, EXTRACT(EPOCH FROM lead(decided_at) OVER (PARTITION BY shipment_id ORDER BY version) - decided_at)::float8 / 60 AS m
           FROM changes WHERE previous IS DISTINCT FROM status
       )
       SELECT status, ${percentiles('m')} FROM stints WHERE m IS NOT NULL GROUP BY status`,
      [from, to],
    );
    return rows.map((r) => ({ status: r.status, ...figures(r, 'm') }));
  }

  /**
   * Every released shipment's submission-to-arrival and arrival-to-release minutes as cumulative
   * histogram buckets (`le` each bound), with sum and count, per interval, priority and cold chain.
   */
  async intervalHistograms(bounds: readonly number[]): Promise<IntervalHistogram[]> {
    const buckets = bounds.map((b, i) => `count(*) FILTER (WHERE minutes <= ${Number(b)})::int AS le_${i}`).join(', ');
    const rows: (Record<string, number> & { interval: IntervalHistogram['interval']; priority: Priority; cold_chain: boolean })[] =
      await this.dataSource.query(
        `WITH intervals AS (
           SELECT priority, cold_chain, 'submission_to_arrival' AS interval,
                  EXTRACT(EPOCH FROM arrived_at - submitted_at)::float8 / 60 AS minutes
             FROM shipments WHERE released_at IS NOT NULL AND arrived_at IS NOT NULL AND submitted_at IS NOT NULL
           UNION ALL
           SELECT priority, cold_chain, 'arrival_to_release', EXTRACT(EPOCH FROM released_at - arrived_at)::float8 / 60
             FROM shipments WHERE released_at IS NOT NULL AND arrived_at IS NOT NULL
         )
         SELECT interval, priority, cold_chain, ${buckets}, count(*)::int AS count, COALESCE(sum(minutes), 0)::float8 AS sum
           FROM intervals GROUP BY interval, priority, cold_chain`,
      );
    return rows.map((r) => ({
      interval: r.interval,
      priority: r.priority,
      coldChain: r.cold_chain,
      buckets: bounds.map((le, i) => ({ le, count: r[`le_${i}`] })),
      count: r.count,
      sum: r.sum,
    }));
  }

  /** Every shipment by its current status and priority (the dashboard's live counts). */
  async countsByStatusAndPriority(): Promise<{ status: ClearanceStatus; priority: Priority; count: number }[]> {
    const rows: { status: ClearanceStatus; priority: Priority; n: number }[] = await this.dataSource.query(
      'SELECT status, priority, count(*)::int AS n FROM shipments GROUP BY status, priority',
    );
    return rows.map((r) => ({ status: r.status, priority: r.priority, count: r.n }));
  }

  /** Shipments created in [from, to), by their current status (statuses present only). */
  async countsByStatus(from: Date, to: Date): Promise<Map<ClearanceStatus, number>> {
    const rows: { status: ClearanceStatus; n: number }[] = await this.dataSource.query(
      'SELECT status, count(*)::int AS n FROM shipments WHERE created_at >= $1 AND created_at < $2 GROUP BY status',
      [from, to],
    );
    return new Map(rows.map((r) => [r.status, r.n]));
  }
}
