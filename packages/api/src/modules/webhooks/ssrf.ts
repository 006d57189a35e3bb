import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard of webhook deliveries. A target's host is resolved (every address it has) and
 * refused when any address is not public unicast: private, loopback, link-local, unique-local,
 * carrier-grade NAT, multicast, broadcast, reserved, IPv4-mapped or translated IPv6 and the like
 * (the ranges are ipaddr.js's). WEBHOOK_ALLOWED_HOSTS lists exceptions: host names (all their
 * addresses are accepted), addresses and CIDR ranges. The sender then connects to the checked
 * address itself (no second resolution between the check and the connection), follows no
 * redirects, and caps time and response size (webhooks.sender.ts).
 */
export interface Allowlist {
  hosts: ReadonlySet<string>;
  ranges: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export const EMPTY_ALLOWLIST: Allowlist = { hosts: new Set(), ranges: [] };

/** One WEBHOOK_ALLOWED_HOSTS entry: an address, a CIDR range, or a host name. Undefined when none of them. */
function parseEntry(entry: string): { range: [ipaddr.IPv4 | ipaddr.IPv6, number] } | { host: string } | undefined {
  if (entry.includes('/')) {
    try {
      return { range: ipaddr.parseCIDR(entry) };
    } catch {
      return undefined;
    }
  }
  if (ipaddr.isValid(entry)) {
    const addr = ipaddr.parse(entry);
    return { range: [addr, addr.kind() === 'ipv4' ? 32 : 128] };
  }
  if (/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(entry)) return { host: entry.toLowerCase() };
  return undefined;
}

/** The entries of a WEBHOOK_ALLOWED_HOSTS value that are neither an address, a range nor a host name. */
export function invalidAllowlistEntries(raw: string | undefined): string[] {
  return splitList(raw).filter((e) => !parseEntry(e));
}

function splitList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseAllowlist(raw: string | undefined): Allowlist {
  const hosts = new Set<string>();
  const ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [];
  for (const e of splitList(raw)) {
    const parsed = parseEntry(e);
    if (!parsed) continue;
    if ('host' in parsed) hosts.add(parsed.host);
    else ranges.push(parsed.range);
  }
  return { hosts, ranges };
}

/** Why a target is refused: a sentence for the endpoint's owner (no internals). */
export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** ipaddr.js's range name of an address ('unicast' is a public address). */
export function addressRange(address: string): string {
  return ipaddr.parse(address).range();
}

function allowedByRange(addr: ipaddr.IPv4 | ipaddr.IPv6, allow: Allowlist): boolean {
  return allow.ranges.some(([net, bits]) => addr.kind() === net.kind() && addr.match([net, bits] as never));
}

/** Refuses an address that is not public unicast, unless the allowlist names its host or covers it. */
export function checkAddress(address: string, host: string, allow: Allowlist): void {
  const addr = ipaddr.parse(address);
  if (allow.hosts.has(host.toLowerCase()) || allowedByRange(addr, allow)) return;
  const range = addr.range();
  if (range !== 'unicast') {
    throw new TargetRefused(`The URL's host resolves to ${address}, a ${RANGE_WORDS[range] ?? range} address; webhooks are sent to public addresses only`);
  }
}

const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  private: 'private network',
  reserved: 'reserved',
  uniqueLocal: 'unique-local (fc00::/7)',
  ipv4Mapped: 'IPv4-mapped IPv6',
  rfc6145: 'IPv4-translated IPv6',
  rfc6052: 'IPv4/IPv6 translation',
  '6to4': '6to4',
  teredo: 'Teredo',
  benchmarking: 'benchmarking',
  amt: 'AMT',
  as112: 'AS112',
  as112v6: 'AS112',
  orchid2: 'ORCHIDv2',
  droneRemoteIdProtocolEntityTags: 'reserved',
};

export const WEBHOOK_URL_MAX = 2048;

/** The URL as a target: http(s), no credentials, a host; refuses anything else. */
export function parseTargetUrl(raw: string): URL {
  if (raw.length > WEBHOOK_URL_MAX) throw new TargetRefused(`The URL must be at most ${WEBHOOK_URL_MAX} characters long`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('Not a URL; give an absolute https:// address');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TargetRefused('The URL must start with https:// (or http://)');
  if (url.username || url.password) throw new TargetRefused('The URL must not contain a user name or password');
  if (!url.hostname) throw new TargetRefused('The URL has no host');
  return url;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export interface ResolvedTarget {
  address: string;
  family: 4 | 6;
}

export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;
const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Resolves the URL's host and checks every address; answers the first (the one to connect to).
 * A host that does not resolve is refused too.
 */
export async function resolveTarget(url: URL, allow: Allowlist, resolve: Resolver = systemResolver): Promise<ResolvedTarget> {
  const host = hostOf(url);
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new TargetRefused(`The host ${host} could not be resolved`);
    }
  }
  if (!addresses.length) throw new TargetRefused(`The host ${host} could not be resolved`);
  for (const a of addresses) checkAddress(a.address, host, allow);
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
