// The SSRF guard: every blocked range, the notations an address can hide in, the allow-list, and
// guardedLookup under a real undici Agent against a local server on 127.0.0.1, port 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { Agent, request } from 'undici';
import { isDatelineError } from '../core/errors.js';
import {
  type AddressPolicy,
  type ResolveAll,
  blockedReason,
  checkUrl,
  guardedLookup,
  guardedLookupWith,
  parseAllowList,
} from './ssrf.js';

const NONE: AddressPolicy = { allow: [] };

const isCode = (code: string) => (e: unknown) => isDatelineError(e) && e.code === code;

test('blockedReason: one address in every blocked range, with the range named', () => {
  const cases: [string, string][] = [
    ['127.0.0.1', 'loopback 127.0.0.0/8'],
    ['127.255.1.2', 'loopback 127.0.0.0/8'],
    ['10.1.2.3', 'private 10.0.0.0/8'],
    ['172.16.0.1', 'private 172.16.0.0/12'],
    ['172.31.255.254', 'private 172.16.0.0/12'],
    ['192.168.1.1', 'private 192.168.0.0/16'],
    ['169.254.169.254', 'cloud metadata 169.254.169.254/32'],
    ['169.254.1.1', 'link-local 169.254.0.0/16'],
    ['0.0.0.0', 'unspecified 0.0.0.0/8'],
    ['0.1.2.3', 'unspecified 0.0.0.0/8'],
    ['224.0.0.1', 'multicast 224.0.0.0/4'],
    ['239.255.255.250', 'multicast 224.0.0.0/4'],
    ['100.64.0.1', 'shared address space (CGNAT) 100.64.0.0/10'],
    ['100.100.100.200', 'shared address space (CGNAT) 100.64.0.0/10'],
    ['192.0.0.8', 'IETF protocol assignments 192.0.0.0/24'],
    ['192.0.2.1', 'documentation (TEST-NET-1) 192.0.2.0/24'],
    ['192.88.99.1', '6to4 relay anycast (deprecated) 192.88.99.0/24'],
    ['198.18.0.1', 'benchmarking 198.18.0.0/15'],
    ['198.19.255.255', 'benchmarking 198.18.0.0/15'],
    ['198.51.100.7', 'documentation (TEST-NET-2) 198.51.100.0/24'],
    ['203.0.113.9', 'documentation (TEST-NET-3) 203.0.113.0/24'],
    ['240.0.0.1', 'reserved 240.0.0.0/4'],
    ['255.255.255.255', 'broadcast 255.255.255.255/32'],
    ['::1', 'loopback ::1/128'],
    ['::', 'unspecified ::/128'],
    ['fc00::1', 'private (unique local) fc00::/7'],
    ['fd12:3456::1', 'private (unique local) fc00::/7'],
    ['fd00:ec2::254', 'private (unique local) fc00::/7'],
    ['fe80::1', 'link-local fe80::/10'],
    ['febf::1', 'link-local fe80::/10'],
    ['fec0::1', 'site-local (deprecated) fec0::/10'],
    ['ff02::1', 'multicast ff00::/8'],
    ['2001:db8::1', 'documentation 2001:db8::/32'],
    ['3fff::1', 'documentation 3fff::/20'],
    ['100::1', 'discard-only 100::/64'],
    ['2001::1', 'Teredo 2001::/32'],
    ['2001:2::1', 'IETF protocol assignments 2001::/23'],
    ['64:ff9b:1::1', 'local-use NAT64 64:ff9b:1::/48'],
    ['::7f00:1', 'IPv4-compatible (deprecated) ::/96'],
    ['5f00::1', 'SRv6 SIDs 5f00::/16'],
    ['4000::1', 'reserved (outside global unicast 2000::/3)'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback 127.0.0.0/8'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback 127.0.0.0/8'],
    ['::ffff:169.254.169.254', 'IPv4-mapped cloud metadata 169.254.169.254/32'],
    ['64:ff9b::7f00:1', '64:ff9b::/96 to loopback 127.0.0.0/8'],
    ['64:ff9b::10.0.0.1', '64:ff9b::/96 to private 10.0.0.0/8'],
    ['2002:a9fe:a9fe::1', '2002::/16 to cloud metadata 169.254.169.254/32'],
  ];
  for (const [address, reason] of cases) assert.equal(blockedReason(address, NONE), reason, address);
});

test('blockedReason: public addresses pass, including NAT64, 6to4 and IPv4-mapped forms of them', () => {
  for (const address of [
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '192.0.3.1',
    '198.20.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ]) {
    assert.equal(blockedReason(address, NONE), null, address);
  }
});

test('blockedReason: brackets, zone ids, odd IPv4 spellings; a name or garbage is never connectable', () => {
  assert.equal(blockedReason('[::1]', NONE), 'loopback ::1/128');
  assert.equal(blockedReason('fe80::1%eth0', NONE), 'link-local fe80::/10');
  assert.equal(blockedReason('[fe80::1%25eth0]', NONE), 'link-local fe80::/10');
  assert.equal(blockedReason('FE80::ABCD', NONE), 'link-local fe80::/10');
  for (const odd of ['2130706433', '0x7f.1', '127.1', '0177.0.0.1', '0x7f000001', '127.0.0.1.']) {
    assert.equal(blockedReason(odd, NONE), 'loopback 127.0.0.0/8', odd);
  }
  for (const junk of ['localhost', 'example.com', '', '1.2.3.4.5', '::g', 'abc']) {
    assert.equal(blockedReason(junk, NONE), 'not an IP address', junk);
  }
});

test('blockedReason: the allow-list opens exactly its ranges (and the IPv4-mapped form of them)', () => {
  const policy: AddressPolicy = { allow: ['127.0.0.0/8', '10.1.0.0/16', 'fd00::/8'] };
  assert.equal(blockedReason('127.0.0.1', policy), null);
  assert.equal(blockedReason('::ffff:127.0.0.1', policy), null);
  assert.equal(blockedReason('10.1.2.3', policy), null);
  assert.equal(blockedReason('10.2.0.1', policy), 'private 10.0.0.0/8');
  assert.equal(blockedReason('fd00::1', policy), null);
  assert.equal(blockedReason('fc00::1', policy), 'private (unique local) fc00::/7');
  assert.equal(blockedReason('::1', policy), 'loopback ::1/128');
  assert.equal(blockedReason('169.254.169.254', policy), 'cloud metadata 169.254.169.254/32');
  assert.throws(() => blockedReason('127.0.0.1', { allow: ['nope'] }), isCode('E_USAGE'));
});

test('parseAllowList: commas and spaces, bare addresses as single hosts, a bad entry named', () => {
  assert.deepEqual(parseAllowList(undefined), []);
  assert.deepEqual(parseAllowList(null), []);
  assert.deepEqual(parseAllowList(''), []);
  assert.deepEqual(parseAllowList(' 127.0.0.0/8, ::1  10.0.0.0/8,,fd00::/8\n192.168.1.5 '), [
    '127.0.0.0/8',
    '::1/128',
    '10.0.0.0/8',
    'fd00::/8',
    '192.168.1.5/32',
  ]);
  for (const bad of ['10.0.0.0/33', '::1/129', 'intranet', '10.0.0.0/', '10.0.0.0/8x', '127.1/8', 'fe80::1%eth0/64']) {
    assert.throws(
      () => parseAllowList(`127.0.0.0/8, ${bad}`),
      (e: unknown) => isDatelineError(e) && e.code === 'E_USAGE' && e.message.includes(`"${bad}"`) && e.input === bad,
      bad,
    );
  }
});

test('checkUrl: IP-literal hosts in every spelling WHATWG URL accepts are refused, naming URL, address and reason', () => {
  const refused: [string, string][] = [
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1'],
    ['http://[::1]:8080/', '::1'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['https://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254'],
    ['http://0.0.0.0:3000/', '0.0.0.0'],
  ];
  for (const [href, address] of refused) {
    const url = new URL(href);
    assert.throws(
      () => checkUrl(url, NONE),
      (e: unknown) =>
        isDatelineError(e) &&
        e.code === 'E_FETCH_BLOCKED' &&
        e.input === url.href &&
        e.message.includes(url.href) &&
        e.message.includes(`${address} is ${blockedReason(address, NONE)}`),
      href,
    );
  }
});

test('checkUrl: host names and public literals pass (DNS answers are checked at connect); non-http is refused', () => {
  checkUrl(new URL('https://example.com/'), NONE);
  checkUrl(new URL('http://localhost:8080/'), NONE); // its answers go through guardedLookup
  checkUrl(new URL('http://8.8.8.8/'), NONE);
  checkUrl(new URL('http://[2606:4700:4700::1111]/'), NONE);
  checkUrl(new URL('http://127.0.0.1:9/'), { allow: ['127.0.0.0/8'] });
  for (const href of ['file:///etc/passwd', 'ftp://example.com/', 'gopher://127.0.0.1:70/', 'data:text/plain,x']) {
    assert.throws(() => checkUrl(new URL(href), NONE), isCode('E_FETCH_URL'), href);
  }
});

function lookupOnce(
  lookup: ReturnType<typeof guardedLookup>,
  hostname: string,
  options: object,
): Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family: number | undefined }> {
  return new Promise((resolve) => lookup(hostname, options, (err, address, family) => resolve({ err, address, family })));
}

const fakeDns =
  (answers: Record<string, LookupAddress[]>, seen: object[] = []): ResolveAll =>
  async (hostname, options) => {
    seen.push({ hostname, ...options });
    const found = answers[hostname];
    if (found === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.filter((a) => options.family === undefined || a.family === options.family);
  };

test('guardedLookup: every answer is checked; only allowed ones are returned, for all: true and all: false', async () => {
  const seen: object[] = [];
  const dns = fakeDns(
    {
      'public.test': [
        { address: '2606:4700::1', family: 6 },
        { address: '93.184.216.34', family: 4 },
      ],
      'mixed.test': [
        { address: '127.0.0.1', family: 4 },
        { address: '93.184.216.34', family: 4 },
      ],
      'rebind.test': [
        { address: '169.254.169.254', family: 4 },
        { address: '::ffff:10.0.0.1', family: 6 },
      ],
    },
    seen,
  );
  const lookup = guardedLookupWith(NONE, dns);

  const all = await lookupOnce(lookup, 'public.test', { all: true });
  assert.equal(all.err, null);
  assert.deepEqual(all.address, [
    { address: '2606:4700::1', family: 6 },
    { address: '93.184.216.34', family: 4 },
  ]);
  const one = await lookupOnce(lookup, 'public.test', { family: 4 });
  assert.deepEqual([one.err, one.address, one.family], [null, '93.184.216.34', 4]);
  assert.deepEqual(seen.at(-1), { hostname: 'public.test', family: 4 });

  const mixed = await lookupOnce(lookup, 'mixed.test', { all: true });
  assert.deepEqual(mixed.address, [{ address: '93.184.216.34', family: 4 }]);
  const mixedOne = await lookupOnce(lookup, 'mixed.test', {});
  assert.deepEqual([mixedOne.address, mixedOne.family], ['93.184.216.34', 4]);

  for (const options of [{ all: true }, {}, { family: 6, hints: 0 }]) {
    const blocked = await lookupOnce(lookup, 'rebind.test', options);
    assert.ok(isDatelineError(blocked.err) && blocked.err.code === 'E_FETCH_BLOCKED', JSON.stringify(options));
    assert.equal(blocked.err.input, 'rebind.test');
    if (options.family !== 6) assert.match(blocked.err.message, /169\.254\.169\.254 is cloud metadata 169\.254\.169\.254\/32/);
    assert.match(blocked.err.message, /::ffff:10\.0\.0\.1 is IPv4-mapped private 10\.0\.0\.0\/8/);
  }

  const missing = await lookupOnce(lookup, 'missing.test', { all: true });
  assert.equal(missing.err?.code, 'ENOTFOUND');

  const opened = await lookupOnce(guardedLookupWith({ allow: ['127.0.0.1/32'] }, dns), 'mixed.test', { all: true });
  assert.deepEqual(opened.address, [
    { address: '127.0.0.1', family: 4 },
    { address: '93.184.216.34', family: 4 },
  ]);
});

test('guardedLookup: localhost (real resolver, /etc/hosts) is refused by default and allowed with 127.0.0.0/8', async () => {
  const refused = await lookupOnce(guardedLookup(NONE), 'localhost', { all: true });
  assert.ok(isDatelineError(refused.err) && refused.err.code === 'E_FETCH_BLOCKED');
  assert.match(refused.err.message, /localhost: .*loopback/);

  const allowed = await lookupOnce(guardedLookup({ allow: ['127.0.0.0/8'] }), 'localhost', { family: 4 });
  assert.deepEqual([allowed.err, allowed.address, allowed.family], [null, '127.0.0.1', 4]);
  const allowedAll = await lookupOnce(guardedLookup({ allow: ['127.0.0.0/8'] }), 'localhost', { all: true });
  // ::1 may also be an answer on this machine; it is not in the allow-list, so it is left out.
  assert.ok(Array.isArray(allowedAll.address));
  assert.ok(allowedAll.address.length > 0);
  assert.ok(allowedAll.address.every((a: LookupAddress) => a.address.startsWith('127.')));
});

async function localServer(): Promise<{ server: Server; port: number; hits: () => number }> {
  let count = 0;
  const server = createServer((_req, res) => {
    count++;
    res.end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits: () => count };
}

test('undici Agent with guardedLookup: a name resolving to 127.0.0.1 is refused before connecting, allowed with 127.0.0.0/8', async (t) => {
  const { server, port, hits } = await localServer();
  t.after(() => server.close());

  for (const autoSelectFamily of [true, false]) {
    const before = hits();
    const calls: object[] = [];
    const watch =
      (inner: ReturnType<typeof guardedLookup>): ReturnType<typeof guardedLookup> =>
      (hostname, options, callback) => {
        calls.push({ ...options });
        inner(hostname, options, callback);
      };

    const blocked = new Agent({ connect: { lookup: watch(guardedLookup(NONE)), autoSelectFamily } });
    await assert.rejects(
      request(`http://localhost:${port}/`, { dispatcher: blocked }),
      (e: unknown) => isDatelineError(e) && e.code === 'E_FETCH_BLOCKED' && /loopback 127\.0\.0\.0\/8/.test(e.message),
    );
    await blocked.close();
    assert.equal(hits(), before, 'nothing may reach the server');

    const open = new Agent({ connect: { lookup: watch(guardedLookup({ allow: ['127.0.0.0/8'] })), autoSelectFamily } });
    const res = await request(`http://localhost:${port}/`, { dispatcher: open });
    assert.equal(res.statusCode, 200);
    assert.equal(await res.body.text(), 'reached');
    await open.close();
    assert.equal(hits(), before + 1);
    // Node calls lookup with all: true when it races address families, without it otherwise.
    const expectedAll = autoSelectFamily ? true : undefined;
    assert.ok(calls.length >= 2 && calls.every((o) => (o as { all?: boolean }).all === expectedAll), JSON.stringify(calls));
  }
});

test('undici: an IP-literal URL never reaches the lookup hook, which is why checkUrl exists', async (t) => {
  const { server, port } = await localServer();
  t.after(() => server.close());
  let looked = 0;
  const agent = new Agent({
    connect: {
      lookup: (hostname: string, options: object, callback: Parameters<ReturnType<typeof guardedLookup>>[2]) => {
        looked++;
        guardedLookup(NONE)(hostname, options, callback);
      },
    },
  });
  t.after(() => agent.close());
  const url = new URL(`http://127.0.0.1:${port}/`);
  assert.throws(() => checkUrl(url, NONE), isCode('E_FETCH_BLOCKED'));
  const res = await request(url, { dispatcher: agent });
  await res.body.text();
  assert.equal(looked, 0);
  checkUrl(url, { allow: ['127.0.0.0/8'] });
});
