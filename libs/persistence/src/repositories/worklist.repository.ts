import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ClearanceStatus, Priority } from '@app/contract/clearance-status';
import { WORKLIST_STATUSES } from '@app/policy/operators/worklist';
import { LISTED_SHIPMENT_COLUMNS, type ListedShipment, type ListedShipmentRecord, toListedShipment } from './listed-shipment';

/** Where an item stands in the worklist's order: priority rank, cold chain first, longest waiting, shipment id. */
export interface WorklistPosition {
  rank: number;
  coldChain: boolean;
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`: PostgreSQL's full precision, which a Date would lose. */
  waitingSince: string;
  shipmentId: string;
}

export interface WorklistItem extends ListedShipment {
  transportMode: string | null;
  /** When the shipment entered the open statuses it is in now. */
  waitingSince: Date;
  claim: { claimedBy: string; claimedAt: Date; expiresAt: Date } | null;
  alertRaisedAt: Date | null;
  position: WorklistPosition;
}

export interface WorklistFilter {
  status?: ClearanceStatus;
  priority?: Priority;
  entryLocation?: string;
  /** true: only items with a live claim; false: only unclaimed ones. */
  claimed?: boolean;
  /** Claims that expired before this moment count as none. */
  now: Date;
  after?: WorklistPosition;
  limit: number;
}

interface WorklistRecord extends ListedShipmentRecord {
  transport_mode: string | null;
  waiting_since: Date;
  waiting_since_text: string;
  rank: number;
  claimed_by: string | null;
  claimed_at: Date | null;
  expires_at: Date | null;
  alert_raised_at: Date | null;
}

/** Open shipments that need an officer, CRITICAL first, then cold chain, then longest waiting. */
@Injectable()
export class WorklistRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: WorklistFilter): Promise<WorklistItem[]> {
    const params: unknown[] = [WORKLIST_STATUSES, filter.now];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (filter.status) where.push(`s.status = ${param(filter.status)}`);
    if (filter.priority) where.push(`s.priority = ${param(filter.priority)}`);
    if (filter.entryLocation) where.push(`s.declaration #>> '{route,entryLocation}' = ${param(filter.entryLocation)}`);
    if (filter.claimed !== undefined) where.push(filter.claimed ? 'c.shipment_id IS NOT NULL' : 'c.shipment_id IS NULL');
    const cursor = filter.after
      ? `WHERE (rank, NOT cold_chain, waiting_since, shipment_id) > (${param(filter.after.rank)}, ${param(!filter.after.coldChain)}, ${param(filter.after.waitingSince)}::timestamptz, ${param(filter.after.shipmentId)})`
      : '';
    const records: WorklistRecord[] = await this.dataSource.query(
      `WITH open AS (
         SELECT ${LISTED_SHIPMENT_COLUMNS},
                s.declaration #>> '{transport,mode}' AS transport_mode,
                CASE s.priority WHEN 'CRITICAL' THEN 0 WHEN 'ESSENTIAL' THEN 1 ELSE 2 END AS rank,
                COALESCE((SELECT min(d.decided_at) FROM decisions d
                           WHERE d.shipment_id = s.shipment_id
                             AND d.version > COALESCE((SELECT max(d2.version) FROM decisions d2
                                                        WHERE d2.shipment_id = s.shipment_id AND d2.status <> ALL($1)), 0)),
                         s.updated_at) AS waiting_since,
                c.claimed_by, c.claimed_at, c.expires_at, a.raised_at AS alert_raised_at
           FROM shipments s
           LEFT JOIN worklist_claims c ON c.shipment_id = s.shipment_id AND c.expires_at > $2
           LEFT JOIN service_level_alerts a ON a.shipment_id = s.shipment_id
          WHERE s.status = ANY($1) ${where.map((w) => `AND ${w}`).join(' ')}
       )
       SELECT *, to_char(waiting_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS waiting_since_text
         FROM open ${cursor}
        ORDER BY rank, NOT cold_chain, waiting_since, shipment_id
        LIMIT ${param(filter.limit)}`,
      params,
    );
    return records.map((r) => ({
      ...toListedShipment(r),
      transportMode: r.transport_mode,
      waitingSince: r.waiting_since,
      claim:
        r.claimed_by && r.claimed_at && r.expires_at ? { claimedBy: r.claimed_by, claimedAt: r.claimed_at, expiresAt: r.expires_at } : null,
      alertRaisedAt: r.alert_raised_at,
      position: { rank: r.rank, coldChain: r.cold_chain, waitingSince: r.waiting_since_text, shipmentId: r.shipment_id },
    }));
  }
}
