import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ClearanceStatus, Priority } from '@app/contract/clearance-status';
import { ShipmentRow } from '../entities';
import { LISTED_SHIPMENT_COLUMNS, type ListedShipment, type ListedShipmentRecord, toListedShipment } from './listed-shipment';

export interface ShipmentSearchCriteria {
  status?: ClearanceStatus;
  priority?: Priority;
  /** Matched, case-insensitively and as a substring, against the id and name of each party of the declaration. */
  party?: string;
  /** created_at >= from */
  from?: Date;
  /** created_at < to */
  to?: Date;
  /** The last shipment of the previous page: the page starts after it (newest first). */
  afterShipmentId?: string;
  limit: number;
}

/** A shipment as listed: its state and the few declaration fields operators scan for. */
export interface ShipmentSummary extends ListedShipment {
  rulesetVersion: number | null;
  amendment: number | null;
  releasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface SummaryRecord extends ListedShipmentRecord {
  ruleset_version: number | null;
  amendment: number | null;
  released_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** `%`, `_` and the escape character itself are data, not LIKE wildcards. */
function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Operators' reads of current shipment state: one shipment, or a filtered page. */
@Injectable()
export class ShipmentSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(shipmentId: string): Promise<ShipmentRow | null> {
    return this.dataSource.getRepository(ShipmentRow).findOne({ where: { shipmentId } });
  }

  exists(shipmentId: string): Promise<boolean> {
    return this.dataSource.getRepository(ShipmentRow).exists({ where: { shipmentId } });
  }

  /** Newest first (created_at DESC, shipment_id DESC: the order of shipments_created_idx). */
  async page(criteria: ShipmentSearchCriteria): Promise<ShipmentSummary[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (criteria.status) where.push(`s.status = ${param(criteria.status)}`);
    if (criteria.priority) where.push(`s.priority = ${param(criteria.priority)}`);
    if (criteria.from) where.push(`s.created_at >= ${param(criteria.from)}`);
    if (criteria.to) where.push(`s.created_at < ${param(criteria.to)}`);
    if (criteria.party !== undefined) {
      const pattern = param(containsPattern(criteria.party));
      where.push(`EXISTS (
        SELECT 1 FROM unnest(ARRAY['consignor', 'consignee', 'declarant']) AS r(role)
        WHERE s.declaration -> 'parties' -> r.role ->> 'id' ILIKE ${pattern} ESCAPE '\\'
           OR s.declaration -> 'parties' -> r.role ->> 'name' ILIKE ${pattern} ESCAPE '\\')`);
    }
    if (criteria.afterShipmentId !== undefined) {
      // Keyset on the stored row: no timestamp precision is lost through the cursor, and an
      // unknown id compares as NULL, which yields an empty page.
      where.push(`(s.created_at, s.shipment_id) < (
        SELECT c.created_at, c.shipment_id FROM shipments c WHERE c.shipment_id = ${param(criteria.afterShipmentId)})`);
    }
    const records: SummaryRecord[] = await this.dataSource.query(
      `SELECT ${LISTED_SHIPMENT_COLUMNS},
              s.ruleset_version, s.amendment, s.released_at, s.created_at, s.updated_at
       FROM shipments s
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.created_at DESC, s.shipment_id DESC
       LIMIT ${param(criteria.limit)}`,
      params,
    );
    return records.map((r) => ({
      ...toListedShipment(r),
      rulesetVersion: r.ruleset_version,
      amendment: r.amendment,
      releasedAt: r.released_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
}
