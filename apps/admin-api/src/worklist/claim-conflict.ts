import { ConflictException } from '@nestjs/common';
import type { WorklistClaim } from '@app/persistence';

/** The 409 of an officer acting on a worklist item another officer holds. */
export function claimedByAnother(shipmentId: string, claim: WorklistClaim): ConflictException {
  return new ConflictException(`${shipmentId} is claimed by ${claim.claimedBy} until ${claim.expiresAt.toISOString()}`);
}
