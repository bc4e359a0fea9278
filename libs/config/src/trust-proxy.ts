import { isIP } from 'node:net';

/**
 * Which proxies in front of the admin API may say who the client is (X-Forwarded-For), as
 * Express's `trust proxy` takes it: nobody (false), the nearest N hops, or the proxies' own
 * addresses and ranges. "Everyone" is not offered: anyone could then forge their address.
 */
export type TrustProxySetting = false | number | string[];

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 10;

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** Why `value` is not a valid ADMIN_TRUST_PROXY, or null. */
export function trustProxyProblem(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === 'off' || trimmed === 'false') return null;
  if (trimmed === 'true' || trimmed === 'all' || trimmed === '*') {
    return "must not trust every proxy (anyone could forge their address): give the hop count or the proxies' addresses";
  }
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) <= MAX_HOPS ? null : `must be a hop count of at most ${MAX_HOPS}`;
  }
  const bad = trimmed
    .split(',')
    .map((e) => e.trim())
    .filter((e) => !isAddressOrRange(e));
  return bad.length === 0 ? null : `must be off, a hop count, or comma-separated IP addresses, CIDR ranges or ${NAMED_RANGES.join('/')}`;
}

/** The setting of a valid ADMIN_TRUST_PROXY (see trustProxyProblem). */
export function parseTrustProxy(value: string): TrustProxySetting {
  const trimmed = value.trim();
  if (trimmed === 'off' || trimmed === 'false') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) === 0 ? false : Number(trimmed);
  return trimmed.split(',').map((e) => e.trim());
}
