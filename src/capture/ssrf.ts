// The SSRF guard: a fetcher anyone can point at a URL must never become a way into the network
// it runs in. Loopback, private, link-local (cloud metadata), unspecified, multicast and reserved
// addresses are refused, for IP-literal hosts (checkUrl) and for every DNS answer (guardedLookup,
// so the socket only ever connects to an address that was checked), unless an allow-list says so.

import dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { isIPv4, isIPv6 } from 'node:net';
import { DatelineError } from '../core/errors.js';

export interface AddressPolicy {
  /** CIDRs (v4 and v6) allowed even though private/loopback/etc.; from --allow-private or DATELINE_ALLOW_PRIVATE. */
  allow: readonly string[];
}

/** The policy when nothing is allowed: the default. */
export const DEFAULT_POLICY: AddressPolicy = Object.freeze({ allow: Object.freeze([]) as readonly string[] });

const ALLOW_HINT = 'allow it with --allow-private CIDR or DATELINE_ALLOW_PRIVATE';

/**
 * Blocked IPv4 ranges, most specific first so the reason is the most telling one. From the
 * IANA IPv4 Special-Purpose Address Registry (RFC 6890 and successors): every block that is not
 * globally reachable.
 */
export const BLOCKED_V4: readonly (readonly [cidr: string, label: string])[] = [
  ['169.254.169.254/32', 'cloud metadata'],
  ['255.255.255.255/32', 'broadcast'],
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared address space (CGNAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation (TEST-NET-1)'],
  ['192.88.99.0/24', '6to4 relay anycast (deprecated)'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation (TEST-NET-2)'],
  ['203.0.113.0/24', 'documentation (TEST-NET-3)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];

/**
 * Blocked IPv6 ranges (IANA IPv6 Special-Purpose Address Registry). Three ranges carry an IPv4
 * address and are judged by it instead: IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96 and 6to4
 * 2002::/16. Anything else outside global unicast 2000::/3 is reserved and refused too.
 */
export const BLOCKED_V6: readonly (readonly [cidr: string, label: string])[] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::/96', 'IPv4-compatible (deprecated)'],
  ['64:ff9b:1::/48', 'local-use NAT64'],
  ['100::/64', 'discard-only'],
  ['2001::/32', 'Teredo'],
  ['2001::/23', 'IETF protocol assignments'],
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'SRv6 SIDs'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local (deprecated)'],
  ['ff00::/8', 'multicast'],
];

interface Cidr {
  text: string;
  bytes: Uint8Array;
  prefix: number;
}

const V4_RANGES = BLOCKED_V4.map(([cidr, label]) => ({ cidr: mustParseCidr(cidr), label }));
const V6_RANGES = BLOCKED_V6.map(([cidr, label]) => ({ cidr: mustParseCidr(cidr), label }));
const V4_MAPPED = mustParseCidr('::ffff:0:0/96');
const NAT64 = mustParseCidr('64:ff9b::/96');
const SIX_TO_FOUR = mustParseCidr('2002::/16');
const GLOBAL_UNICAST = mustParseCidr('2000::/3');

/**
 * Parses a comma/space separated CIDR list (DATELINE_ALLOW_PRIVATE); throws a DatelineError naming a bad entry.
 * A bare address is taken as a single host (/32 or /128). Empty or absent: nothing allowed.
 *
 * @example parseAllowList('127.0.0.0/8, ::1') // ['127.0.0.0/8', '::1/128']
 */
export function parseAllowList(value: string | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const out: string[] = [];
  for (const entry of value.split(/[\s,]+/)) {
    if (entry === '') continue;
    const cidr = parseCidr(entry);
    if (cidr === null) {
      throw new DatelineError(
        'E_USAGE',
        `allow-private: "${entry}" is not an address range; write a CIDR such as 10.0.0.0/8 or fd00::/8, or a single address`,
        { input: entry },
      );
    }
    out.push(cidr.text);
  }
  return out;
}

/** Why an address may not be connected to (e.g. 'loopback 127.0.0.0/8'), or null when it may. */
export function blockedReason(address: string, policy: AddressPolicy): string | null {
  const bytes = parseAddress(address);
  if (bytes === null) return 'not an IP address';
  const allow = compiledAllowList(policy.allow);
  if (allow.some((c) => inCidr(bytes, c))) return null;
  if (bytes.length === 4) return v4Reason(bytes);
  // ::ffff:a.b.c.d is a.b.c.d on the wire: judge (and allow) it as that address.
  if (inCidr(bytes, V4_MAPPED)) {
    const v4 = bytes.subarray(12);
    if (allow.some((c) => inCidr(v4, c))) return null;
    const reason = v4Reason(v4);
    return reason === null ? null : `IPv4-mapped ${reason}`;
  }
  for (const [range, v4] of [
    [NAT64, bytes.subarray(12)],
    [SIX_TO_FOUR, bytes.subarray(2, 6)],
  ] as const) {
    if (inCidr(bytes, range)) {
      const reason = v4Reason(v4);
      return reason === null ? null : `${range.text} to ${reason}`;
    }
  }
  for (const { cidr, label } of V6_RANGES) if (inCidr(bytes, cidr)) return `${label} ${cidr.text}`;
  if (!inCidr(bytes, GLOBAL_UNICAST)) return 'reserved (outside global unicast 2000::/3)';
  return null;
}

/**
 * Throws DatelineError('E_FETCH_BLOCKED', ...) naming the URL, the address and the reason. For IP-literal hosts (undici's lookup hook never sees them).
 *
 * A URL that is not http(s) throws E_FETCH_URL. Host names pass: guardedLookup checks what they
 * resolve to. WHATWG URL parsing has already turned odd IPv4 spellings (`http://2130706433/`,
 * `http://0x7f.1/`, `http://127.1/`) into dotted quads, so they are caught here.
 */
export function checkUrl(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DatelineError('E_FETCH_URL', `fetch: refusing ${url.href}: only http and https URLs are fetched`, {
      input: url.href,
    });
  }
  const host = unbracket(url.hostname);
  if (!isIPv4(host) && !isIPv6(host)) return;
  const reason = blockedReason(host, policy);
  if (reason !== null) {
    throw new DatelineError('E_FETCH_BLOCKED', `fetch: refusing ${url.href}: ${host} is ${reason}; ${ALLOW_HINT}`, {
      input: url.href,
    });
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[] | string,
  family?: number,
) => void;

/** Resolves a host name to all its addresses (dns.lookup with `all: true`, or a stand-in in tests). */
export type ResolveAll = (hostname: string, options: { family?: number; hints?: number }) => Promise<LookupAddress[]>;

const systemResolveAll: ResolveAll = (hostname, options) => dns.promises.lookup(hostname, { ...options, all: true });

/**
 * A dns.lookup-compatible function for undici's `connect: { lookup }` option: resolves, checks
 * EVERY answer, and fails with E_FETCH_BLOCKED if any answer is blocked (or only returns
 * checked addresses) — so the connection goes only to an address that was checked.
 *
 * This one returns only the checked, allowed answers, and fails with E_FETCH_BLOCKED when none
 * is left: a host answering with a public and a private address gets the public one, and
 * `localhost` answering ::1 and 127.0.0.1 with `allow: ['127.0.0.0/8']` connects to 127.0.0.1.
 * Node's net.connect calls it with `all: true` (autoSelectFamily, Node 20's default) or without.
 *
 * @example new Agent({ connect: { lookup: guardedLookup({ allow: [] }) } })
 */
export function guardedLookup(
  policy: AddressPolicy,
): (
  hostname: string,
  options: object,
  callback: (err: NodeJS.ErrnoException | null, address: string | import('node:dns').LookupAddress[] | string, family?: number) => void,
) => void {
  return guardedLookupWith(policy, systemResolveAll);
}

/** guardedLookup with its resolver given: for tests that need answers DNS will not give offline. */
export function guardedLookupWith(
  policy: AddressPolicy,
  resolveAll: ResolveAll,
): (hostname: string, options: object, callback: LookupCallback) => void {
  return (hostname, options, callback) => {
    // dns.lookup's older forms: (hostname, family, cb) and (hostname, cb).
    let cb = callback;
    let opts: { family?: unknown; hints?: unknown; all?: unknown } = {};
    if (typeof options === 'function') cb = options as LookupCallback;
    else if (typeof options === 'number') opts = { family: options };
    else if (options !== null && typeof options === 'object') opts = options;
    const all = opts.all === true;
    const query: { family?: number; hints?: number } = {};
    const family = familyOf(opts.family);
    if (family !== 0) query.family = family;
    if (typeof opts.hints === 'number') query.hints = opts.hints;

    resolveAll(hostname, query).then(
      (answers) => {
        const allowed: LookupAddress[] = [];
        const refused: string[] = [];
        for (const answer of answers) {
          const reason = blockedReason(answer.address, policy);
          if (reason === null) allowed.push({ address: answer.address, family: answer.family });
          else refused.push(`${answer.address} is ${reason}`);
        }
        const first = allowed[0];
        if (first === undefined) {
          const why = refused.length > 0 ? refused.join(', ') : 'no addresses';
          cb(
            new DatelineError('E_FETCH_BLOCKED', `fetch: refusing to connect to ${hostname}: ${why}; ${ALLOW_HINT}`, {
              input: hostname,
            }),
            all ? [] : '',
          );
          return;
        }
        if (all) cb(null, allowed);
        else cb(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => cb(err, all ? [] : ''),
    );
  };
}

function familyOf(value: unknown): 0 | 4 | 6 {
  if (value === 4 || value === 'IPv4') return 4;
  if (value === 6 || value === 'IPv6') return 6;
  return 0;
}

function v4Reason(bytes: Uint8Array): string | null {
  for (const { cidr, label } of V4_RANGES) if (inCidr(bytes, cidr)) return `${label} ${cidr.text}`;
  return null;
}

const allowCache = new WeakMap<readonly string[], Cidr[]>();

function compiledAllowList(allow: readonly string[]): Cidr[] {
  let compiled = allowCache.get(allow);
  if (compiled === undefined) {
    compiled = parseAllowList(allow.join(',')).map(mustParseCidr);
    allowCache.set(allow, compiled);
  }
  return compiled;
}

function inCidr(bytes: Uint8Array, cidr: Cidr): boolean {
  if (bytes.length !== cidr.bytes.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] as number) & mask) !== ((cidr.bytes[i] as number) & mask)) return false;
  }
  return true;
}

function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const addressText = unbracket(slash < 0 ? text : text.slice(0, slash));
  if (!isIPv4(addressText) && !isIPv6(addressText)) return null;
  if (addressText.includes('%')) return null; // a zone id names an interface, not a range
  const bytes = parseAddress(addressText);
  if (bytes === null) return null;
  const max = bytes.length * 8;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > max) return null;
  return { text: `${addressText}/${prefix}`, bytes, prefix };
}

function mustParseCidr(text: string): Cidr {
  const cidr = parseCidr(text);
  if (cidr === null) throw new DatelineError('E_INTERNAL', `ssrf: bad built-in CIDR ${text}`);
  return cidr;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * An address as 4 or 16 bytes, or null. Takes brackets and IPv6 zone ids (`fe80::1%eth0`), and
 * IPv4 in the legacy forms inet_aton and WHATWG URL accept (`2130706433`, `0x7f.1`, `127.1`).
 */
export function parseAddress(text: string): Uint8Array | null {
  let s = unbracket(text.trim());
  const zone = s.indexOf('%');
  if (zone >= 0 && s.includes(':')) s = s.slice(0, zone);
  if (isIPv4(s)) return Uint8Array.from(s.split('.').map(Number));
  if (isIPv6(s)) return parseIPv6(s);
  if (/^[0-9a-fA-FxX.]+$/.test(s) && /[0-9]/.test(s)) {
    // Let WHATWG's IPv4 parser read the odd notations; a host name comes back unchanged.
    try {
      const host = new URL(`http://${s}/`).hostname;
      if (isIPv4(host)) return Uint8Array.from(host.split('.').map(Number));
    } catch {
      return null;
    }
  }
  return null;
}

function parseIPv6(s: string): Uint8Array {
  const bytes = new Uint8Array(16);
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail = text.slice(lastColon + 1).split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const groupsOf = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = groupsOf(head);
  const back = rest === undefined ? [] : groupsOf(rest);
  const groups = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  return bytes;
}
