// The fetcher against real HTTP servers on 127.0.0.1, port 0. Host names (a.test, b.test, ...)
// reach them through the fetcher's own resolver, and the SSRF allow-list lets loopback through.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { isFetchError, type FetchError } from './fetch-error.js';
import { Fetcher, type FetcherOptions } from './fetcher.js';
import type { Clock } from './host-queue.js';
import type { ResolveAll } from './ssrf.js';

interface Hit {
  path: string;
  host: string;
  headers: IncomingMessage['headers'];
  /** performance.now() when the request arrived, and when its response was finished. */
  start: number;
  end: number;
}

interface TestServer {
  port: number;
  hits: Hit[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function serve(handler: (req: IncomingMessage, res: ServerResponse, hits: Hit[]) => void): Promise<TestServer> {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const hit: Hit = { path: req.url ?? '', host: req.headers.host ?? '', headers: req.headers, start: performance.now(), end: NaN };
    hits.push(hit);
    res.on('close', () => (hit.end = performance.now()));
    handler(req, res, hits);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const handle: TestServer = {
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

/** a.test, b.test, ... -> 127.0.0.1; internal.test -> a private address; anything else fails. */
const resolve: ResolveAll = async (hostname) => {
  if (hostname.endsWith('.test')) {
    return [{ address: hostname === 'internal.test' ? '10.1.2.3' : '127.0.0.1', family: 4 }];
  }
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

const LOOPBACK: FetcherOptions = { allowPrivate: ['127.0.0.0/8'], resolve, robots: false, minDelayMs: 0, retry: { baseDelayMs: 5 } };

function fetcher(options: FetcherOptions = {}): Fetcher {
  const f = new Fetcher({ ...LOOPBACK, ...options });
  after(() => f.close());
  return f;
}

/** A clock whose sleeps pass at once and are written down. */
function virtualClock(): Clock & { slept: number[] } {
  let offset = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      if (ms <= 0) return;
      slept.push(ms);
      offset += ms;
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isFetchError(error), `expected a FetchError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the fetch to fail');
}

/** Checks one host's hits: one at a time, and at least `gapMs` from one's end to the next's start. */
function assertPolite(hits: readonly Hit[], gapMs: number) {
  for (let i = 1; i < hits.length; i++) {
    const previous = hits[i - 1]!;
    const gap = hits[i]!.start - previous.end;
    assert.ok(gap >= gapMs - 2, `${hits[i]!.path} began ${gap.toFixed(1)} ms after ${previous.path} ended (< ${gapMs})`);
  }
}

const text = (body: Uint8Array | null) => new TextDecoder().decode(body ?? new Uint8Array());

describe('Fetcher: the basic GET', () => {
  test('returns the body with its provenance and sends a descriptive User-Agent', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'x-Custom': 'yes' });
      res.end('<rss/>');
    });
    const f = fetcher({ contactUrl: 'https://desk.example/bot' });
    const result = await f.fetch(`http://a.test:${server.port}/feed.xml`, { accept: 'application/rss+xml' });
    assert.equal(result.status, 200);
    assert.equal(result.url, `http://a.test:${server.port}/feed.xml`);
    assert.equal(result.finalUrl, result.url);
    assert.equal(result.contentType, 'application/rss+xml; charset=utf-8');
    assert.equal(result.headers['x-custom'], 'yes');
    assert.equal(text(result.body), '<rss/>');
    assert.equal(result.notModified, false);
    assert.equal(result.etag, '"v1"');
    assert.equal(result.lastModified, null);
    assert.deepEqual(result.redirects, []);
    assert.ok(!Number.isNaN(Date.parse(result.fetchedAt)));
    assert.ok(result.elapsedMs >= 0);
    const hit = server.hits[0]!;
    assert.match(hit.headers['user-agent'] ?? '', /^dateline\/\d+\.\d+\.\d+ \(\+https:\/\/desk\.example\/bot\)$/);
    assert.equal(hit.headers['accept'], 'application/rss+xml');
    assert.equal(hit.headers['accept-encoding'], 'gzip, deflate, br');
    assert.equal(hit.host, `a.test:${server.port}`);
  });

  test('a 404 fails with E_FETCH_STATUS naming the URL and the status', async () => {
    const server = await serve((_req, res) => res.writeHead(404).end('no'));
    const url = `http://a.test:${server.port}/gone`;
    const error = await rejection(fetcher().fetch(url));
    assert.equal(error.code, 'E_FETCH_STATUS');
    assert.equal(error.status, 404);
    assert.equal(error.input, url);
    assert.equal(server.hits.length, 1, '4xx is not retried');
  });

  test('close lets a fetch under way finish, then refuses new ones', async () => {
    const server = await serve((_req, res) => setTimeout(() => res.end('late'), 100));
    const f = new Fetcher(LOOPBACK);
    const running = f.fetch(`http://a.test:${server.port}/`);
    await new Promise((r) => setTimeout(r, 20));
    await f.close();
    assert.equal(text((await running).body), 'late');
    await assert.rejects(f.fetch(`http://a.test:${server.port}/`), /closed/);
  });

  test('what is not an http(s) URL fails with E_FETCH_URL', async () => {
    const f = fetcher();
    assert.equal((await rejection(f.fetch('not a url'))).code, 'E_FETCH_URL');
    assert.equal((await rejection(f.fetch('file:///etc/passwd'))).code, 'E_FETCH_URL');
  });
});

describe('Fetcher: redirects', () => {
  /** /r/N redirects to /r/N-1 (on b.test when asked), /r/0 answers. */
  async function chain() {
    return serve((req, res) => {
      const n = Number(/^\/r\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      if (n === 0) return void res.writeHead(200, { 'content-type': 'text/plain' }).end('landed');
      res.writeHead(n % 2 ? 301 : 307, { location: `/r/${n - 1}` }).end();
    });
  }

  test('a chain of 3 redirects is followed and the final URL recorded', async () => {
    const server = await chain();
    const base = `http://a.test:${server.port}`;
    const result = await fetcher().fetch(`${base}/r/3`);
    assert.equal(text(result.body), 'landed');
    assert.equal(result.url, `${base}/r/3`);
    assert.equal(result.finalUrl, `${base}/r/0`);
    assert.deepEqual(result.redirects, [
      { from: `${base}/r/3`, to: `${base}/r/2`, status: 301 },
      { from: `${base}/r/2`, to: `${base}/r/1`, status: 307 },
      { from: `${base}/r/1`, to: `${base}/r/0`, status: 301 },
    ]);
  });

  test('5 redirects are followed; 6 fail with E_FETCH_REDIRECTS', async () => {
    const server = await chain();
    const f = fetcher();
    assert.equal((await f.fetch(`http://a.test:${server.port}/r/5`)).redirects.length, 5);
    const error = await rejection(f.fetch(`http://a.test:${server.port}/r/6`));
    assert.equal(error.code, 'E_FETCH_REDIRECTS');
    assert.equal(error.input, `http://a.test:${server.port}/r/6`);
  });

  test('a redirect to a blocked address fails at that hop, before any connection', async () => {
    const server = await serve((req, res) => {
      const targets: Record<string, string> = {
        '/metadata': 'http://169.254.169.254/latest/meta-data/',
        '/internal': `http://internal.test:${server.port}/admin`,
        '/loopback': `http://[::1]:${server.port}/`,
      };
      res.writeHead(302, { location: targets[req.url ?? ''] ?? '/' }).end();
    });
    const f = fetcher();
    for (const [path, blocked] of [
      ['/metadata', 'http://169.254.169.254/latest/meta-data/'],
      ['/internal', `http://internal.test:${server.port}/admin`],
      ['/loopback', `http://[::1]:${server.port}/`],
    ] as const) {
      const error = await rejection(f.fetch(`http://a.test:${server.port}${path}`));
      assert.equal(error.code, 'E_FETCH_BLOCKED', path);
      assert.equal(error.reason, 'ssrf');
      assert.equal(error.input, blocked);
    }
    assert.deepEqual(server.hits.map((h) => h.path), ['/metadata', '/internal', '/loopback']);
  });
});

describe('Fetcher: conditional GET', () => {
  test('sends the stored validators and reports a 304 as not modified', async () => {
    const etag = '"abc"';
    const modified = 'Tue, 04 Jul 2023 06:17:00 GMT';
    const server = await serve((req, res) => {
      if (req.headers['if-none-match'] === etag && req.headers['if-modified-since'] === modified) {
        return void res.writeHead(304).end();
      }
      res.writeHead(200, { etag, 'last-modified': modified }).end('<feed/>');
    });
    const f = fetcher();
    const url = `http://a.test:${server.port}/feed`;
    const first = await f.fetch(url);
    assert.equal(first.notModified, false);
    const second = await f.fetch(url, { etag: first.etag, lastModified: first.lastModified });
    assert.equal(second.status, 304);
    assert.equal(second.notModified, true);
    assert.equal(second.body, null);
    assert.equal(second.etag, etag, 'the validators sent still hold');
    assert.equal(second.lastModified, modified);
    assert.equal(server.hits[1]!.headers['if-none-match'], etag);
  });
});

describe('Fetcher: retries', () => {
  test('a 429 with Retry-After is waited out, then the fetch succeeds', async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      if (calls++ === 0) return void res.writeHead(429, { 'retry-after': '2' }).end();
      res.writeHead(200).end('ok');
    });
    const clock = virtualClock();
    const result = await fetcher({ clock }).fetch(`http://a.test:${server.port}/`);
    assert.equal(text(result.body), 'ok');
    assert.equal(result.attempts, 2);
    assert.equal(server.hits.length, 2);
    const waited = clock.slept.reduce((a, b) => a + b, 0);
    assert.ok(waited >= 1_950 && waited <= 2_000, `waited ${waited} ms for Retry-After: 2`);
  });

  test('a Retry-After longer than we wait fails at once, saying how long', async () => {
    const server = await serve((_req, res) => res.writeHead(503, { 'retry-after': '3600' }).end());
    const error = await rejection(fetcher().fetch(`http://a.test:${server.port}/`));
    assert.equal(error.code, 'E_FETCH_STATUS');
    assert.equal(error.status, 503);
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.equal(server.hits.length, 1);
  });

  test('503 is retried with exponential backoff, then given up', async () => {
    const server = await serve((_req, res) => res.writeHead(503).end('busy'));
    const clock = virtualClock();
    const f = fetcher({ clock, random: () => 1, retry: { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 3_000 } });
    const error = await rejection(f.fetch(`http://a.test:${server.port}/`));
    assert.equal(error.code, 'E_FETCH_STATUS');
    assert.equal(error.status, 503);
    assert.match(error.message, /after 4 tries/);
    assert.equal(server.hits.length, 4);
    // random() = 1 takes the top of each jitter range: 1 s, 2 s, then 4 s capped at 3 s.
    assert.equal(clock.slept.length, 3);
    [1_000, 2_000, 3_000].forEach((expected, i) => assert.ok(Math.abs(clock.slept[i]! - expected) <= 50, `wait ${i}: ${clock.slept[i]}`));
  });

  test('a dropped connection is retried as a network error', async () => {
    let calls = 0;
    const server = await serve((req, res) => {
      if (calls++ === 0) return void req.socket.destroy();
      res.writeHead(200).end('second time');
    });
    const result = await fetcher().fetch(`http://a.test:${server.port}/`);
    assert.equal(text(result.body), 'second time');
    assert.equal(result.attempts, 2);
  });

  test('a refused connection fails with E_FETCH_NETWORK after the attempts allowed', async () => {
    const server = await serve((_req, res) => res.end());
    const port = server.port;
    await server.close();
    const error = await rejection(fetcher({ retry: { attempts: 2, baseDelayMs: 1 } }).fetch(`http://a.test:${port}/`));
    assert.equal(error.code, 'E_FETCH_NETWORK');
    assert.match(error.message, /ECONNREFUSED/);
  });
});

describe('Fetcher: timeouts and limits', () => {
  test('a server that never sends headers times out with E_FETCH_TIMEOUT', async () => {
    const server = await serve(() => {});
    const started = performance.now();
    const error = await rejection(fetcher({ timeouts: { headersMs: 200 } }).fetch(`http://a.test:${server.port}/slow`));
    assert.equal(error.code, 'E_FETCH_TIMEOUT');
    assert.match(error.message, /headers/);
    assert.ok(performance.now() - started < 3_000);
    assert.equal(server.hits.length, 1, 'a timeout is not retried: the server is slow enough already');
  });

  test('a body that trickles past the overall deadline times out', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(timer));
    });
    const error = await rejection(fetcher({ timeouts: { totalMs: 300 } }).fetch(`http://a.test:${server.port}/`));
    assert.equal(error.code, 'E_FETCH_TIMEOUT');
  });

  test('an endless body stops at the limit with E_FETCH_TOO_LARGE', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let closed = false;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      res.on('close', () => (closed = true));
      pump();
    });
    const error = await rejection(fetcher({ maxBodyBytes: 1024 * 1024 }).fetch(`http://a.test:${server.port}/endless`));
    assert.equal(error.code, 'E_FETCH_TOO_LARGE');
    assert.match(error.message, /on the wire/);
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(closed, 'the connection is dropped');
  });

  test('a Content-Length over the limit fails before the body is read', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x');
    });
    const error = await rejection(fetcher({ maxBodyBytes: 1024 }).fetch(`http://a.test:${server.port}/`));
    assert.equal(error.code, 'E_FETCH_TOO_LARGE');
    assert.match(error.message, /Content-Length/);
  });

  test('a gzip bomb (8 KB on the wire, 1 GiB inflated) stops at the limit without inflating it', async () => {
    // 1 GiB of zeros: 1,024 gzip members of 1 MiB each, gzipped again (Content-Encoding: gzip, gzip).
    const member = zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
    const bomb = zlib.gzipSync(Buffer.concat(new Array<Buffer>(1024).fill(member)), { level: 9 });
    assert.ok(bomb.length < 16 * 1024, `bomb is ${bomb.length} bytes`);
    const server = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip, gzip' }).end(bomb));
    const before = process.memoryUsage();
    const error = await rejection(fetcher({ maxBodyBytes: 20 * 1024 * 1024 }).fetch(`http://a.test:${server.port}/bomb`));
    const after = process.memoryUsage();
    assert.equal(error.code, 'E_FETCH_TOO_LARGE');
    assert.match(error.message, /after decoding/);
    const grownMb = (after.rss - before.rss) / 1024 / 1024;
    assert.ok(grownMb < 200, `rss grew ${grownMb.toFixed(0)} MB`);
  });

  test('gzip, deflate (zlib-wrapped and raw) and br bodies are decoded', async () => {
    const plain = Buffer.from('<p>Déjà vu</p>'.repeat(1000));
    const encoded: Record<string, [string, Buffer]> = {
      '/gzip': ['gzip', zlib.gzipSync(plain)],
      '/deflate': ['deflate', zlib.deflateSync(plain)],
      '/raw-deflate': ['deflate', zlib.deflateRawSync(plain)],
      '/br': ['br', zlib.brotliCompressSync(plain)],
    };
    const server = await serve((req, res) => {
      const [coding, body] = encoded[req.url ?? '']!;
      res.writeHead(200, { 'content-encoding': coding, 'content-type': 'text/html; charset=utf-8' }).end(body);
    });
    const f = fetcher();
    for (const path of Object.keys(encoded)) {
      const result = await f.fetch(`http://a.test:${server.port}${path}`);
      assert.deepEqual(Buffer.from(result.body!), plain, path);
    }
  });

  test('a corrupt gzip body fails with E_FETCH_DECODE', async () => {
    const server = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('not gzip at all'));
    const error = await rejection(fetcher().fetch(`http://a.test:${server.port}/`));
    assert.equal(error.code, 'E_FETCH_DECODE');
  });
});

describe('Fetcher: politeness', () => {
  test('one request at a time per host, a minimum gap between them, hosts in parallel', async () => {
    const handler = (_req: IncomingMessage, res: ServerResponse) => setTimeout(() => res.end('ok'), 30);
    const a = await serve(handler);
    const b = await serve(handler);
    const f = fetcher({ minDelayMs: 150 });
    const urls = [0, 1, 2, 3].flatMap((i) => [`http://a.test:${a.port}/${i}`, `http://b.test:${b.port}/${i}`]);
    await Promise.all(urls.map((url) => f.fetch(url)));
    assert.equal(a.hits.length, 4);
    assert.equal(b.hits.length, 4);
    assertPolite(a.hits, 150);
    assertPolite(b.hits, 150);
    // The two lanes ran side by side: b's first request did not wait for a's last.
    assert.ok(b.hits[0]!.start < a.hits[1]!.start, 'hosts are fetched in parallel');
  });

  test('the global concurrency limit holds across hosts', async () => {
    let inFlight = 0;
    let most = 0;
    const handler = (_req: IncomingMessage, res: ServerResponse) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 20);
    };
    const ports = await Promise.all([1, 2, 3, 4].map(() => serve(handler)));
    const f = fetcher({ concurrency: 2 });
    await Promise.all(ports.flatMap((s, i) => [0, 1].map((n) => f.fetch(`http://h${i}.test:${s.port}/${n}`))));
    assert.equal(most, 2);
  });
});

describe('Fetcher: robots.txt', () => {
  function robotsServer(robots: string | number, pageHandler?: (res: ServerResponse) => void) {
    return serve((req, res) => {
      if (req.url === '/robots.txt') {
        if (typeof robots === 'number') return void res.writeHead(robots).end();
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end(robots);
      }
      if (pageHandler) pageHandler(res);
      else res.end('page');
    });
  }

  test('a disallowed URL fails with E_FETCH_BLOCKED; robots.txt is fetched once per host', async () => {
    const server = await robotsServer('User-agent: *\nDisallow: /private/\n\nUser-agent: dateline\nDisallow: /no-dateline\n');
    const f = fetcher({ robots: true });
    const base = `http://a.test:${server.port}`;
    assert.equal(text((await f.fetch(`${base}/public`)).body), 'page');
    const error = await rejection(f.fetch(`${base}/no-dateline`));
    assert.equal(error.code, 'E_FETCH_BLOCKED');
    assert.equal(error.reason, 'robots');
    assert.equal(error.input, `${base}/no-dateline`);
    assert.match(error.message, /robots\.txt/);
    // Our group replaces the * group (RFC 9309 §2.2.1), so /private/ is open to us.
    assert.equal(text((await f.fetch(`${base}/private/x`)).body), 'page');
    assert.deepEqual(server.hits.map((h) => h.path), ['/robots.txt', '/public', '/private/x']);
  });

  test('robots.txt is also obeyed at a redirect hop', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/robots.txt') return void res.end('User-agent: *\nDisallow: /hidden\n');
      res.writeHead(301, { location: '/hidden/page' }).end();
    });
    const error = await rejection(fetcher({ robots: true }).fetch(`http://a.test:${server.port}/open`));
    assert.equal(error.reason, 'robots');
    assert.equal(error.input, `http://a.test:${server.port}/hidden/page`);
  });

  test('Crawl-delay raises the gap between requests to the host', async () => {
    const server = await robotsServer('User-agent: *\nCrawl-delay: 0.3\n');
    const f = fetcher({ robots: true, minDelayMs: 10 });
    const base = `http://a.test:${server.port}`;
    await Promise.all([1, 2, 3].map((i) => f.fetch(`${base}/${i}`)));
    const pages = server.hits.filter((h) => h.path !== '/robots.txt');
    assert.equal(pages.length, 3);
    assertPolite(server.hits, 300);
  });

  test('robots.txt answering 404 allows everything; 5xx keeps us out', async () => {
    const missing = await robotsServer(404);
    const failing = await robotsServer(503);
    const f = fetcher({ robots: true, retry: { attempts: 1 } });
    assert.equal((await f.fetch(`http://a.test:${missing.port}/x`)).status, 200);
    const error = await rejection(f.fetch(`http://b.test:${failing.port}/x`));
    assert.equal(error.code, 'E_FETCH_BLOCKED');
    assert.equal(error.reason, 'robots');
    assert.deepEqual(failing.hits.map((h) => h.path), ['/robots.txt']);
  });

  test('robotsFor exposes the Sitemap lines', async () => {
    const server = await robotsServer('Sitemap: /news-sitemap.xml\n');
    const rules = await fetcher({ robots: true }).robotsFor(`http://a.test:${server.port}/anything`);
    assert.deepEqual(rules.sitemaps, [`http://a.test:${server.port}/news-sitemap.xml`]);
  });
});

describe('Fetcher: SSRF guard', () => {
  test('by default a loopback URL is refused, as an IP literal and as a name resolving to it', async () => {
    const server = await serve((_req, res) => res.end('secret'));
    const f = new Fetcher({ resolve, robots: false });
    after(() => f.close());
    for (const url of [`http://127.0.0.1:${server.port}/`, `http://a.test:${server.port}/`, `http://[::ffff:127.0.0.1]:${server.port}/`]) {
      const error = await rejection(f.fetch(url));
      assert.equal(error.code, 'E_FETCH_BLOCKED', url);
      assert.equal(error.reason, 'ssrf');
      assert.match(error.message, /loopback/);
      assert.equal(error.input, new URL(url).href);
    }
    assert.equal(server.hits.length, 0, 'nothing reached the server');
  });

  test('the robots.txt fetch is guarded too', async () => {
    const server = await serve((_req, res) => res.end('User-agent: *\nAllow: /\n'));
    const f = new Fetcher({ resolve });
    after(() => f.close());
    const error = await rejection(f.fetch(`http://a.test:${server.port}/`));
    assert.equal(error.reason, 'ssrf');
    assert.equal(server.hits.length, 0);
  });
});
