/** What an Authorization header presents: no key, something that is not a key, or a key. */
export type PresentedKey = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'key'; key: string };

/** The characters of an `Authorization: Bearer` token (RFC 6750), as ADMIN_API_KEY and generated keys use them. */
const KEY = /^[A-Za-z0-9._~+/=-]{1,256}$/;
const BEARER = /^Bearer ([^\s]+)$/;
const BASIC = /^Basic ([A-Za-z0-9+/=]{1,1024})$/;

/**
 * The key of `Authorization: Bearer <key>`; with `allowBasic`, also the password of
 * `Authorization: Basic` (what a browser sends after its login prompt, for /docs).
 */
export function presentedKey(authorization: string | undefined, allowBasic = false): PresentedKey {
  if (authorization === undefined || authorization === '') return { kind: 'missing' };
  const bearer = BEARER.exec(authorization);
  if (bearer) return KEY.test(bearer[1]) ? { kind: 'key', key: bearer[1] } : { kind: 'malformed' };
  const basic = allowBasic ? BASIC.exec(authorization) : null;
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    if (decoded.includes(':') && KEY.test(password)) return { kind: 'key', key: password };
  }
  return { kind: 'malformed' };
}
