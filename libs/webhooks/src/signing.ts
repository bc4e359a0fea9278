import { createHmac, randomBytes } from 'node:crypto';

/** Prefix of a Standard Webhooks secret; the rest is the key, base64. */
export const SECRET_PREFIX = 'whsec_';
/** 24 random bytes: within the 24-64 bytes Standard Webhooks recommends. */
const SECRET_BYTES = 24;

/** A new signing secret, `whsec_<base64 of 24 random bytes>`. */
export function generateWebhookSecret(random: (bytes: number) => Buffer = randomBytes): string {
  return SECRET_PREFIX + random(SECRET_BYTES).toString('base64');
}

/** The HMAC key of a secret: its base64 part, decoded. */
function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('A webhook secret starts with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` for one secret. */
export function signatureOf(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${messageId}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** The headers of one webhook call, as Standard Webhooks specifies them. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  /** One `v1,<signature>` per valid secret, separated by spaces (during a rotation: the new secret's first). */
  'webhook-signature': string;
}

/**
 * Signs a message with every secret given (the current one, and the previous one while a
 * rotation overlaps), so a receiver holding either secret verifies it.
 */
export function signWebhook(secrets: string[], messageId: string, at: Date, body: string): WebhookHeaders {
  if (secrets.length === 0) throw new Error('A webhook needs a secret to be signed with');
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signatureOf(secret, messageId, timestamp, body)).join(' '),
  };
}

/** The secrets that sign at `now`: the current one, and the previous one until its overlap ends. */
export function signingSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousSecretUntil: Date | null },
  now: Date,
): string[] {
  const previousValid = endpoint.previousSecret !== null && endpoint.previousSecretUntil !== null && endpoint.previousSecretUntil > now;
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}
