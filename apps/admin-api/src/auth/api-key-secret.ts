import { createHash, randomBytes } from 'node:crypto';

/** A new API key: shown once to its creator, never stored. */
export function generateApiKey(): string {
  return `pck_${randomBytes(32).toString('base64url')}`;
}

/** Keys are stored and looked up by their SHA-256 (they are random, so no salt is needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
