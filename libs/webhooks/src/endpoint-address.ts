import { BlockList, isIP } from 'node:net';

/** Where webhooks may go (WEBHOOKS_ALLOW_HTTP_LOCALHOST, WEBHOOKS_ALLOW_PRIVATE_ADDRESSES). */
export interface EndpointPolicy {
  /** http:// to loopback (and https to loopback) is allowed: tests and demos. */
  allowHttpLocalhost: boolean;
  /** Any address is allowed, private and link-local ones included: the SSRF guard is off. */
  allowPrivateAddresses: boolean;
}

export const MAX_URL_LENGTH = 2048;

function blockList(ranges: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
  return list;
}

const LOOPBACK = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);

/**
 * Addresses that are not on the public internet (IANA special-purpose registries): "this"
 * network, private (RFC 1918), shared (CGNAT), link-local (cloud metadata at 169.254.169.254),
 * IETF protocol assignments, documentation, benchmarking, multicast and reserved; IPv6
 * unspecified, unique-local, link-local, site-local, multicast, documentation and IPv4/IPv6
 * translation (which can reach any IPv4 address). IPv4-mapped addresses are judged as the IPv4
 * address they map (no ::ffff:0:0/96 rule here: BlockList matches every IPv4 address against it).
 */
const NOT_PUBLIC = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['fec0::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
]);

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_IPV4_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** An IPv4-mapped IPv6 address (dotted or hex) is judged as the IPv4 address it maps. */
function normalised(address: string): { address: string; type: 'ipv4' | 'ipv6' } | null {
  const mapped = MAPPED_IPV4.exec(address);
  if (mapped) return isIP(mapped[1]) === 4 ? { address: mapped[1], type: 'ipv4' } : null;
  const hex = MAPPED_IPV4_HEX.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return { address: [high >> 8, high & 255, low >> 8, low & 255].join('.'), type: 'ipv4' };
  }
  const family = isIP(address);
  if (family === 0) return null;
  return { address, type: family === 4 ? 'ipv4' : 'ipv6' };
}

export function isLoopbackAddress(address: string): boolean {
  const ip = normalised(address);
  return ip !== null && LOOPBACK.check(ip.address, ip.type);
}

/**
 * Why a webhook may not connect to this (resolved) address, or null when it may: loopback only
 * with allowHttpLocalhost, any other non-public address only with allowPrivateAddresses.
 */
export function addressProblem(address: string, policy: EndpointPolicy): string | null {
  const ip = normalised(address);
  if (ip === null) return `${address} is not an IP address`;
  if (policy.allowPrivateAddresses) return null;
  if (LOOPBACK.check(ip.address, ip.type)) {
    return policy.allowHttpLocalhost ? null : `${address} is a loopback address (WEBHOOKS_ALLOW_HTTP_LOCALHOST=true allows it)`;
  }
  if (NOT_PUBLIC.check(ip.address, ip.type)) {
    return `${address} is not a public address (private, link-local or reserved; WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true allows it)`;
  }
  return null;
}

/** The host of a URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why `url` cannot be a webhook endpoint, or null when it can: an absolute https URL without
 * credentials (http only to loopback with allowHttpLocalhost), and, when its host is an IP
 * address, an address the policy allows. A host name is checked again at each call, on the
 * addresses it resolves to then (see addressProblem).
 */
export function endpointUrlProblem(text: string, policy: EndpointPolicy): string | null {
  if (text.length > MAX_URL_LENGTH) return `url must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'url must be an absolute URL';
  }
  if (url.username || url.password) return 'url must not contain credentials';
  const host = hostOf(url);
  const loopbackHost = host === 'localhost' || isLoopbackAddress(host);
  if (url.protocol === 'http:') {
    if (!policy.allowHttpLocalhost) return 'url must be https';
    if (!loopbackHost) return 'url must be https (http only to a loopback address)';
  } else if (url.protocol !== 'https:') {
    return 'url must be https';
  }
  if (isIP(host) !== 0) return addressProblem(host, policy);
  if (host === 'localhost' && !policy.allowHttpLocalhost && !policy.allowPrivateAddresses) {
    return 'localhost is a loopback address (WEBHOOKS_ALLOW_HTTP_LOCALHOST=true allows it)';
  }
  return null;
}
