import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface WorklistClaim {
  shipmentId: string;
  claimedBy: string;
  claimedAt: Date;
  expiresAt: Date;
}

interface ClaimRecord {
  shipment_id: string;
  claimed_by: string;
  claimed_at: Date;
  expires_at: Date;
}

const toClaim = (r: ClaimRecord): WorklistClaim => ({
  shipmentId: r.shipment_id,
  claimedBy: r.claimed_by,
  claimedAt: r.claimed_at,
  expiresAt: r.expires_at,
});

/** Officers' claims on worklist items; a claim past its expiry counts as none. In the caller's transaction. */
@Injectable()
export class WorklistClaimRepository {
  /**
   * Claims (or renews) the item for `by` unless another officer holds a live claim: returns the
   * claim now in force, `by`'s or the other officer's.
   */
  async claim(tx: EntityManager, shipmentId: string, by: string, now: Date, expiresAt: Date): Promise<WorklistClaim> {
    const taken: ClaimRecord[] = await tx.query(
      `INSERT INTO worklist_claims (shipment_id, claimed_by, claimed_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (shipment_id) DO UPDATE
         SET claimed_by = EXCLUDED.claimed_by, expires_at = EXCLUDED.expires_at,
             claimed_at = CASE WHEN worklist_claims.claimed_by = EXCLUDED.claimed_by AND worklist_claims.expires_at > $3
                               THEN worklist_claims.claimed_at ELSE EXCLUDED.claimed_at END
         WHERE worklist_claims.claimed_by = EXCLUDED.claimed_by OR worklist_claims.expires_at <= $3
       RETURNING shipment_id, claimed_by, claimed_at, expires_at`,
      [shipmentId, by, now, expiresAt],
    );
    if (taken.length > 0) return toClaim(taken[0]);
    const [held]: ClaimRecord[] = await tx.query(
      'SELECT shipment_id, claimed_by, claimed_at, expires_at FROM worklist_claims WHERE shipment_id = $1',
      [shipmentId],
    );
    return toClaim(held);
  }

  /** The live claim on the item, if any. */
  async liveClaim(tx: EntityManager, shipmentId: string, now: Date): Promise<WorklistClaim | null> {
    const [held]: ClaimRecord[] = await tx.query(
      'SELECT shipment_id, claimed_by, claimed_at, expires_at FROM worklist_claims WHERE shipment_id = $1 AND expires_at > $2',
      [shipmentId, now],
    );
    return held ? toClaim(held) : null;
  }

  async remove(tx: EntityManager, shipmentId: string): Promise<void> {
    await tx.query('DELETE FROM worklist_claims WHERE shipment_id = $1', [shipmentId]);
  }
}
