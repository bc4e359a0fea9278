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

  /** Shipments created in [from, to), by their current status (statuses present only). */
  async countsByStatus(from: Date, to: Date): Promise<Map<ClearanceStatus, number>> {
    const rows: { status: ClearanceStatus; n: number }[] = await this.dataSource.query(
      'SELECT status, count(*)::int AS n FROM shipments WHERE created_at >= $1 AND created_at < $2 GROUP BY status',
      [from, to],
    );
    return new Map(rows.map((r) => [r.status, r.n]));
  }
}
