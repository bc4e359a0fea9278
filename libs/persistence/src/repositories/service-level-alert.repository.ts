import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ClearanceStatus, Priority } from '@app/contract/clearance-status';
import { WORKLIST_STATUSES } from '@app/policy/operators/worklist';

/** An open shipment that has arrived and has no service-level alert yet. */
export interface AlertCandidate {
  shipmentId: string;
  priority: Priority;
  coldChain: boolean;
  arrivedAt: Date;
}

export interface NewServiceLevelAlert extends AlertCandidate {
  thresholdMinutes: number;
  raisedAt: Date;
}

/** Service-level alerts: at most one per shipment (the primary key), raised in the caller's transaction. */
@Injectable()
export class ServiceLevelAlertRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Open shipments without an alert that arrived before `arrivedBefore`, longest waiting first. */
  async candidates(arrivedBefore: Date, limit: number): Promise<AlertCandidate[]> {
    const rows: { shipment_id: string; priority: Priority; cold_chain: boolean; arrived_at: Date }[] = await this.dataSource.query(
      `SELECT s.shipment_id, s.priority, s.cold_chain, s.arrived_at
         FROM shipments s
        WHERE s.arrived_at IS NOT NULL AND s.arrived_at < $1 AND s.status = ANY($2)
          AND NOT EXISTS (SELECT 1 FROM service_level_alerts a WHERE a.shipment_id = s.shipment_id)
        ORDER BY s.arrived_at
        LIMIT $3`,
      [arrivedBefore, WORKLIST_STATUSES, limit],
    );
    return rows.map((r) => ({ shipmentId: r.shipment_id, priority: r.priority, coldChain: r.cold_chain, arrivedAt: r.arrived_at }));
  }

  /** Records the alert unless the shipment has one already: true when this call raised it. */
  async raise(tx: EntityManager, alert: NewServiceLevelAlert): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO service_level_alerts (shipment_id, priority, cold_chain, threshold_minutes, arrived_at, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (shipment_id) DO NOTHING RETURNING shipment_id`,
      [alert.shipmentId, alert.priority, alert.coldChain, alert.thresholdMinutes, alert.arrivedAt, alert.raisedAt],
    );
    return inserted.length > 0;
  }

  /** Alerts raised in [from, to), newest first, with the shipment's current status. */
  async recent(from: Date, to: Date, limit: number): Promise<(NewServiceLevelAlert & { status: ClearanceStatus })[]> {
    const rows: {
      shipment_id: string;
      priority: Priority;
      cold_chain: boolean;
      threshold_minutes: number;
      arrived_at: Date;
      raised_at: Date;
      status: ClearanceStatus;
    }[] = await this.dataSource.query(
      `SELECT a.*, s.status FROM service_level_alerts a JOIN shipments s USING (shipment_id)
        WHERE a.raised_at >= $1 AND a.raised_at < $2 ORDER BY a.raised_at DESC, a.shipment_id LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({
      shipmentId: r.shipment_id,
      priority: r.priority,
      coldChain: r.cold_chain,
      thresholdMinutes: r.threshold_minutes,
      arrivedAt: r.arrived_at,
      raisedAt: r.raised_at,
      status: r.status,
    }));
  }
}
