// Polling end to end: thousands of RSS feeds spread over many host names on one local fixture
// server, polled by dateline (fetch, parse, store) twice, the second pass answered with 304s;
// beside plain undici GETs of the same URLs with the same per-host pacing, in the same run. The
// server logs every request, and the log is checked for per-host politeness.
// Run alone: npx tsx bench/polling.ts (after `npm run build`: dateline's side runs dist/).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MIN_DELAY_MS } from '../src/capture/index.js';
import { repoRoot } from './corpora.js';
import { dataDir, fmt, median, removeDatabase } from './ingest.js';
import { printSection, type BenchSection } from './section.js';

const FEEDS = { default: 5_000, full: 20_000 } as const;
const HOSTS = { default: 50, full: 200 } as const;
const ITEMS_PER_FEED = 10;
/**
 * The pause each host gets after a request, on both sides. dateline's default is 1 s; at that
 * pace 5,000 feeds over 50 hosts take 100 s a pass, so the bench shortens it for both sides
 * alike, to a pace a polite crawler could still keep (the pacing ceiling is then 50 hosts /
 * 200 ms = 250 feeds/s, about what dateline parses and stores on this machine's two cores).
 */
const MIN_DELAY_MS = 200;
/** Requests in flight across all hosts, on both sides: the fetcher's default. */
const CONCURRENCY = 16;
/** Baseline rounds; the median counts (a round is paced: about 20 s). */
const BASELINE_ROUNDS = 1;
/** The targets. */
const TARGET_RATIO = 0.5;
const LIMIT_MB = 300;
const HOST_SUFFIX = 'bench.test';

export async function benchPolling(scale: 'default' | 'full'): Promise<BenchSection | null> {
  const dist = (module: string) => join(repoRoot, 'dist', module);
  if (!existsSync(dist('ingest/poll.js'))) {
    console.log('skipped the polling benchmark: dist/ingest/poll.js not found (`npm run build` first)');
    return null;
  }
  const started = performance.now();
  const feeds = FEEDS[scale];
  const hosts = HOSTS[scale];
  const server = await startFixtureServer();
  try {
    // Feed i lives on host i % hosts, so consecutive sources are on different hosts, as a real
    // list of sources mostly is; added in this order, pollDue takes them in this order too.
    const urls = Array.from({ length: feeds }, (_, i) => `http://${hostName(i % hosts)}:${server.port}/feeds/${i}.xml`);
    mkdirSync(dataDir, { recursive: true });
    const job: ClientJob = { urls, minDelayMs: MIN_DELAY_MS, concurrency: CONCURRENCY, dbPath: join(dataDir, 'polling.db') };
    const jobFile = join(dataDir, 'polling-job.json');
    writeFileSync(jobFile, JSON.stringify(job));

    // Baseline rounds around dateline's run, so a drift in the machine's pace shows on both sides.
    const baselines: BaselineRun[] = [];
    const runBaseline = async () => {
      server.log.length = 0;
      const run = await runClient<{ sec: number; ok: number }>('baseline', baselineScript(), jobFile);
      baselines.push({ rate: run.ok / run.sec, ok: run.ok, violations: politenessViolations(server.log, MIN_DELAY_MS) });
    };
    for (let round = 0; round < Math.ceil(BASELINE_ROUNDS / 2); round++) await runBaseline();
    removeDatabase(job.dbPath);
    server.log.length = 0;
    const dateline = await runClient<DatelineRun>('dateline', datelineScript(), jobFile);
    const datelineLog = [...server.log];
    for (let round = Math.ceil(BASELINE_ROUNDS / 2); round < BASELINE_ROUNDS; round++) await runBaseline();
    removeDatabase(job.dbPath);

    const violations = politenessViolations(datelineLog, MIN_DELAY_MS);
    const worstBaseline = baselines.map((b) => b.violations).sort((a, b) => b.count - a.count)[0]!;
    const baseline = median(baselines.map((b) => b.rate));
    const [first, second] = dateline.passes;
    if (!first || !second) throw new Error('bench: the polling run reported no passes');
    const rate = (pass: PassResult) => pass.sources / pass.sec;
    const sectionSec = (performance.now() - started) / 1000;
    const served = (path: RegExp) => datelineLog.filter((r) => path.test(r.path)).length;
    const worstOk = Math.min(...baselines.map((b) => b.ok));

    return {
      title: `Polling: ${fmt(feeds)} RSS feeds over ${hosts} host names (local fixture server)`,
      rows: [
        ['measure', 'dateline', 'baseline', 'ratio'],
        [
          'pass 1 (cold), feeds/s',
          fmt(rate(first)),
          `${fmt(baseline)} (undici GETs, same pacing)`,
          `${(rate(first) / baseline).toFixed(2)} (target ≥ ${TARGET_RATIO})`,
        ],
        ['pass 1, items stored/s', fmt(first.newItems / first.sec), '', `${fmt(first.newItems)} articles`],
        ['pass 2 (conditional), feeds/s', fmt(rate(second)), '', `${pct(second.notModified / second.sources)} answered 304`],
        ['per-host politeness violations', String(violations.count), String(worstBaseline.count), 'target 0'],
        ['peak RSS over both passes, MB', String(dateline.peakMb), '', `limit ≤ ${LIMIT_MB}`],
      ],
      notes: [
        `fixture server: Node's http on 127.0.0.1 in the bench process; ${hosts} host names (${hostName(0)} … ${hostName(hosts - 1)}) all resolved to 127.0.0.1 by the clients, the server telling them apart by the Host header; each feed RSS 2.0 with ${ITEMS_PER_FEED} items (distinct guids, about ${fmt(sampleFeedBytes() / 1024)} KB), a strong ETag, If-None-Match answered with 304; /robots.txt allows all`,
        `dateline: the built Fetcher (minDelayMs ${MIN_DELAY_MS}, concurrency ${CONCURRENCY}, robots.txt obeyed, the SSRF guard allowing 127.0.0.0/8 only) and pollDue(store, fetcher, { all: true, concurrency: ${CONCURRENCY} }) into a fresh SQLite store opened as \`dateline poll\` opens it (an 8 MiB page cache, V8's heap growth at 100%), in a child process, one run (not a median: pass 1 alone takes half a minute); adding the sources is not timed; pass 1 ${first.sec.toFixed(1)} s (${first.failed} failed), pass 2 ${second.sec.toFixed(1)} s (${second.failed} failed); the server saw ${fmt(served(/^\/feeds\//))} feed and ${served(/^\/robots\.txt$/)} robots.txt requests`,
        `baseline: undici request() through an Agent with one connection per origin, in a child process of its own; ${CONCURRENCY} workers taking the URLs in the same order, each host one request at a time with ${MIN_DELAY_MS} ms after each response before the next; body read and dropped, no robots.txt, no parsing, no storing; ${fmt(worstOk)} of ${fmt(feeds)} answered 200 in its worst round; median of ${BASELINE_ROUNDS} rounds (${Math.ceil(BASELINE_ROUNDS / 2)} before dateline's run, the rest after)`,
        `pacing: dateline's default pause per host is ${DEFAULT_MIN_DELAY_MS / 1000} s; the bench shortens it to ${MIN_DELAY_MS} ms for both sides alike, so the run fits the time budget. That puts the pacing's ceiling at ${hosts} hosts / ${MIN_DELAY_MS} ms = ${fmt((hosts * 1000) / MIN_DELAY_MS)} feeds/s, of which the baseline reached ${pct(baseline / ((hosts * 1000) / MIN_DELAY_MS))}, while dateline's pass 1 is bound by its own work (parsing, structuring and storing each feed); at the default pause the ceiling would be ${fmt((hosts * 1000) / DEFAULT_MIN_DELAY_MS)} feeds/s for both`,
        `politeness: from the server's log of every request (host, start, end; performance.now()), over both of dateline's passes and robots.txt: a violation is a request to a host that starts before the previous one ended (overlap) or less than ${MIN_DELAY_MS} ms after it (both sides wait with Date.now() and setTimeout, whole milliseconds, so a wait can end a millisecond or so early); dateline ${describe(violations)}; baseline, worst round: ${describe(worstBaseline)}`,
        `peak RSS: process.resourceUsage().maxRSS of dateline's child process over its whole life: ${dateline.sourcesPeakMb} MB once the store was open and the ${fmt(feeds)} sources added, ${first.peakMb} MB by the end of pass 1, ${second.peakMb} MB by the end of pass 2`,
        `section time ${sectionSec.toFixed(0)} s`,
      ],
    };
  } finally {
    await server.close();
  }
}

interface ClientJob {
  urls: string[];
  minDelayMs: number;
  concurrency: number;
  dbPath: string;
}

interface PassResult {
  sec: number;
  sources: number;
  newItems: number;
  notModified: number;
  failed: number;
  /** Peak RSS of the process so far, at the end of the pass. */
  peakMb: number;
}

interface DatelineRun {
  passes: PassResult[];
  /** Peak RSS once the store was open and the sources added, before any poll. */
  sourcesPeakMb: number;
  peakMb: number;
}

interface BaselineRun {
  rate: number;
  ok: number;
  violations: Violations;
}

const hostName = (n: number) => `h${String(n).padStart(2, '0')}.${HOST_SUFFIX}`;
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const describe = (v: Violations) =>
  `${v.count} (${v.overlaps} overlapping, ${v.beyondClockSlack} short by more than ${CLOCK_SLACK_MS} ms; smallest gap ${v.minGapMs.toFixed(2)} ms)`;

// ---------------------------------------------------------------------------------------------
// The fixture server

interface LoggedRequest {
  host: string;
  path: string;
  status: number;
  /** performance.now() when the request reached the handler, and when the response was handed to the OS. */
  start: number;
  end: number;
}

interface FixtureServer {
  port: number;
  /** Every request since the log was last emptied. */
  log: LoggedRequest[];
  close(): Promise<void>;
}

async function startFixtureServer(): Promise<FixtureServer> {
  const log: LoggedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const start = performance.now();
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = req.url ?? '/';
    const send = (status: number, headers: Record<string, string>, body?: string) => {
      res.on('finish', () => log.push({ host, path, status, start, end: performance.now() }));
      res.writeHead(status, headers).end(body);
    };
    if (path === '/robots.txt') return send(200, { 'content-type': 'text/plain' }, 'User-agent: *\nAllow: /\n');
    const match = /^\/feeds\/(\d+)\.xml$/.exec(path);
    if (!match || !host.endsWith(`.${HOST_SUFFIX}`)) return send(404, { 'content-type': 'text/plain' }, 'not found');
    const n = Number(match[1]);
    const etag = `"feed-${n}-v1"`;
    if (req.headers['if-none-match'] === etag) return send(304, { etag });
    send(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }, rssFeed(n, host));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const WORDS = (
  'port council approves expansion ferry service storm repairs quarterly results shares rise ' +
  'minister announces plan energy grid solar wind battery contract signed factory opens jobs ' +
  'trade talks resume tariffs exports growth forecast bank rates inflation housing market'
).split(' ');
const PLACES = ['LONDON', 'BEIJING', 'NEW YORK', 'TOKYO', 'PARIS', 'SYDNEY', 'BERLIN', 'MADRID'];
/** Item dates count back from here, a minute apart, so every run serves the same bytes. */
const EPOCH = Date.UTC(2024, 5, 11, 8, 0, 0);

/** A deterministic RSS 2.0 feed: `n` picks its words, dates and guids. */
function rssFeed(n: number, host: string): string {
  const word = (k: number) => WORDS[(n * 7 + k * 13) % WORDS.length]!;
  const items = Array.from({ length: ITEMS_PER_FEED }, (_, k) => {
    const title = `${cap(word(k))} ${word(k + 1)} ${word(k + 2)} in feed ${n}, story ${k}`;
    const place = PLACES[(n + k) % PLACES.length]!;
    const day = new Date(EPOCH - (n * ITEMS_PER_FEED + k) * 60_000);
    const body = Array.from({ length: 3 }, (_, s) => `${cap(word(k + s))} ${word(k + s + 3)} and ${word(k + s + 5)} ${word(k + s + 8)} were reported on ${day.toUTCString().slice(0, 16)}, officials said (${n}.${k}.${s}).`).join(' ');
    return `    <item>
      <title>${title}</title>
      <link>http://${host}/feeds/${n}/stories/${k}.html</link>
      <guid isPermaLink="false">urn:bench:feed-${n}:story-${k}</guid>
      <pubDate>${day.toUTCString()}</pubDate>
      <category>${word(k + 4)}</category>
      <description>&lt;p&gt;${place}, ${day.toUTCString().slice(5, 16)} -- ${body}&lt;/p&gt;&lt;p&gt;${cap(word(k + 6))} ${word(k + 7)} follows.&lt;/p&gt;</description>
    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Bench wire ${n}</title>
    <link>http://${host}/feeds/${n}/</link>
    <description>A generated feed for the polling benchmark</description>
    <language>en</language>
${items.join('\n')}
  </channel>
</rss>
`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sampleFeedBytes = () => Buffer.byteLength(rssFeed(0, hostName(0)));

// ---------------------------------------------------------------------------------------------
// Politeness, from the server's log

interface Violations {
  count: number;
  /** Of `count`, requests that started before the previous one to the host had ended. */
  overlaps: number;
  /** Of `count`, requests short of the delay by more than CLOCK_SLACK_MS. */
  beyondClockSlack: number;
  /** The smallest time between one request's end and the next's start on one host, in ms. */
  minGapMs: number;
}

/**
 * Both sides time the pause with Date.now() and setTimeout, each whole milliseconds, so a wait
 * can end up to about a millisecond early each: breaches within this much are reported apart.
 */
const CLOCK_SLACK_MS = 2;

/**
 * Per host, in order of arrival: a request that starts before the previous one ended overlaps
 * it; one that starts less than `minDelayMs` after it ended comes too soon. Each is a violation.
 */
export function politenessViolations(log: readonly LoggedRequest[], minDelayMs: number): Violations {
  const byHost = new Map<string, LoggedRequest[]>();
  for (const request of log) {
    const lane = byHost.get(request.host) ?? [];
    lane.push(request);
    byHost.set(request.host, lane);
  }
  const found: Violations = { count: 0, overlaps: 0, beyondClockSlack: 0, minGapMs: Infinity };
  for (const lane of byHost.values()) {
    lane.sort((a, b) => a.start - b.start);
    for (let i = 1; i < lane.length; i++) {
      const gap = lane[i]!.start - lane[i - 1]!.end;
      found.minGapMs = Math.min(found.minGapMs, gap);
      if (gap >= minDelayMs) continue;
      found.count++;
      if (process.env.BENCH_DEBUG) console.error(`breach on ${lane[i]!.host}: ${lane[i - 1]!.path} (${lane[i - 1]!.status}) ended, ${gap.toFixed(2)} ms later ${lane[i]!.path}`);
      if (gap < 0) found.overlaps++;
      if (gap < minDelayMs - CLOCK_SLACK_MS) found.beyondClockSlack++;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The two clients, each a script run in a child process of its own (the server stays in this
// one), reading the job from a file and printing one JSON line.

async function runClient<T>(name: string, script: string, jobFile: string): Promise<T> {
  const file = join(dataDir, `polling-${name}.mjs`);
  writeFileSync(file, script);
  // Asynchronous: this process must keep serving while the child runs. BENCH_DEBUG prints the
  // child's memory as it goes; BENCH_NODE_FLAGS passes node flags to dateline's child (--cpu-prof).
  const child = spawn(process.execPath, [...(process.env.BENCH_DEBUG ? ['--expose-gc'] : []), ...(process.env.BENCH_NODE_FLAGS && name === 'dateline' ? process.env.BENCH_NODE_FLAGS.split(' ') : []), file, jobFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0) throw new Error(`bench: the ${name} polling client failed (${status}): ${stderr.slice(0, 500)}`);
  if (process.env.BENCH_DEBUG) process.stderr.write(stderr + stdout);
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

/** Host names resolve to 127.0.0.1 on both sides (as a dns.lookup-style `all` answer). */
const RESOLVE_LOCAL = `async () => [{ address: '127.0.0.1', family: 4 }]`;

/** dateline's side: the built Fetcher and pollDue, two passes over every source. */
function datelineScript(): string {
  const href = (module: string) => JSON.stringify(pathToFileURL(join(repoRoot, 'dist', module)).href);
  return `
    import { readFileSync } from 'node:fs';
    const { Fetcher } = await import(${href('capture/index.js')});
    const { openStore } = await import(${href('store/index.js')});
    const { pollDue, POLL_CACHE_MIB, POLL_HEAP_FLAG } = await import(${href('ingest/poll.js')});
    // As \`dateline poll\` runs: the same V8 flag, set the same way.
    (await import('node:v8')).setFlagsFromString(POLL_HEAP_FLAG);
    const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
    // Opened as \`dateline poll\` opens it.
    const store = await openStore(job.dbPath, { cacheMiB: POLL_CACHE_MIB });
    const added = new Date().toISOString();
    for (const url of job.urls) await store.addSource({ url, kind: 'feed' }, added);
    // maxRSS only grows: read after each stage, it says which stage set the peak.
    const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
    const sourcesPeakMb = peakMb();
    const fetcher = new Fetcher({
      allowPrivate: ['127.0.0.0/8'],
      minDelayMs: job.minDelayMs,
      concurrency: job.concurrency,
      resolve: ${RESOLVE_LOCAL},
    });
    const passes = [];
    if (process.env.BENCH_DEBUG) setInterval(() => { const m = process.memoryUsage(); console.error('mem rss ' + Math.round(m.rss / 1048576) + ' heapTotal ' + Math.round(m.heapTotal / 1048576) + ' heapUsed ' + Math.round(m.heapUsed / 1048576) + ' external ' + Math.round(m.external / 1048576) + ' ab ' + Math.round(m.arrayBuffers / 1048576)); }, 1000).unref();
    for (let pass = 0; pass < 2; pass++) {
      const t0 = performance.now();
      const reports = await pollDue(store, fetcher, { all: true, concurrency: job.concurrency });
      const sec = (performance.now() - t0) / 1000;
      const count = (kind) => reports.filter((r) => r.outcome === kind).length;
      const newItems = reports.reduce((sum, r) => sum + r.newItems, 0);
      const failed = reports.filter((r) => r.error);
      if (failed.length) console.error('failed: ' + failed.slice(0, 3).map((r) => r.source.url + ': ' + r.error).join('; '));
      passes.push({ sec, sources: reports.length, newItems, notModified: count('not-modified'), failed: failed.length, peakMb: peakMb() });
      // With BENCH_DEBUG the child runs with --expose-gc: what stays live after a collection.
      globalThis.gc?.();
      const m = process.memoryUsage();
      console.error('memory after pass ' + pass + ': rss ' + Math.round(m.rss / 1048576) + ' heapUsed ' + Math.round(m.heapUsed / 1048576) + ' heapTotal ' + Math.round(m.heapTotal / 1048576) + ' external ' + Math.round(m.external / 1048576) + ' arrayBuffers ' + Math.round(m.arrayBuffers / 1048576));
    }
    await fetcher.close();
    await store.close();
    console.log(JSON.stringify({ passes, sourcesPeakMb, peakMb: peakMb() }));`;
}

/**
 * The baseline: plain undici GETs, paced as the fetcher paces (one request at a time per host,
 * the gap counted from the end of the last response, a global limit of \`concurrency\`), and
 * nothing else.
 */
function baselineScript(): string {
  return `
    import { readFileSync } from 'node:fs';
    import { setTimeout as sleep } from 'node:timers/promises';
    import { Agent, request } from 'undici';
    const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
    const resolve = ${RESOLVE_LOCAL};
    const agent = new Agent({
      connections: 1,
      connect: { lookup: (host, options, callback) => resolve().then((all) => options.all ? callback(null, all) : callback(null, all[0].address, 4)) },
    });
    // Each host's lane: a chain of promises, and the time before which its next request waits.
    const lanes = new Map();
    const paced = (url) => {
      const host = new URL(url).hostname;
      let lane = lanes.get(host);
      if (!lane) lanes.set(host, (lane = { tail: Promise.resolve(), notBefore: 0 }));
      const turn = lane.tail.then(async () => {
        await sleep(Math.max(0, lane.notBefore - Date.now()));
        try {
          const response = await request(url, { dispatcher: agent });
          await response.body.arrayBuffer();
          return response.statusCode === 200;
        } finally {
          lane.notBefore = Date.now() + job.minDelayMs;
        }
      });
      lane.tail = turn.catch(() => undefined);
      return turn;
    };
    // Workers taking the URLs in order, as pollDue's do: their number is the global limit.
    let next = 0;
    let ok = 0;
    const worker = async () => {
      while (next < job.urls.length) if (await paced(job.urls[next++])) ok++;
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: job.concurrency }, worker));
    const sec = (performance.now() - t0) / 1000;
    await agent.close();
    console.log(JSON.stringify({ sec, ok }));`;
}

const isMain = process.argv[1] !== undefined && /bench[\\/]polling\.[mc]?[tj]s$/.test(process.argv[1]);
if (isMain) {
  const started = Date.now();
  const section = await benchPolling(process.env.BENCH_SCALE === 'full' ? 'full' : 'default');
  if (section) printSection(section);
  console.log(`polling bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
