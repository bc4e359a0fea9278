import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import type { Declaration } from '@app/contract/declaration';
import { ShipmentRow } from '../entities';

export interface DeclaredShipment {
  shipmentId: string;
  declaration: Declaration;
}

/** The declarations in force of the shipments changed most recently: what a ruleset dry-run re-decides. */
@Injectable()
export class RecentDeclarationsRepository {
  async latest(tx: EntityManager, limit: number): Promise<DeclaredShipment[]> {
    const rows = await tx.getRepository(ShipmentRow).find({
      select: { shipmentId: true, declaration: true },
      where: { declaration: Not(IsNull()) },
      order: { updatedAt: 'DESC', shipmentId: 'DESC' },
      take: limit,
    });
    return rows.map((row) => ({ shipmentId: row.shipmentId, declaration: row.declaration! }));
  }
}
