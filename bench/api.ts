// The HTTP API under load: /api/search on a store of Reuters TRAIN copied with variation (100,000
// articles by default, 1,000,000 with BENCH_SCALE=full), with one client and with 32 at once,
// beside the same queries asked of the store directly in this process.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { articleIdFromCapture, instantOf } from '../src/core/index.js';
import { parseCapture } from '../src/formats/index.js';
import { articleOf } from '../src/ingest/assemble.js';
import { storiesOf } from '../src/ingest/index.js';
import { parseQuery } from '../src/query/index.js';
import { captureRecord } from '../src/store/conformance-data.js';
import { openStore } from '../src/store/index.js';
import type { BenchSection } from './index.js';
import { corpusFile, repoRoot } from './corpora.js';
import { dataDir, queryMix, removeDatabase } from './ingest.js';
import { fmt } from './section.js';

const ARTICLES = { default: 100_000, full: 1_000_000 } as const;
const QUERIES = 150;
const WARM_UP = 20;
const CLIENTS = 32;
/** Queries each of the concurrent clients asks: enough for a steady state, few enough for the budget. */
const PER_CLIENT = 16;
const WRITE_CHUNK = 5000;

export async function benchApi(scale: 'default' | 'full'): Promise<BenchSection | null> {
  const path = corpusFile('reuters21578/reuters-train.sgm', 'the API benchmark');
  if (!path) return null;
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) {
    console.log('skipped the API benchmark: dist/cli/main.js not found (`npm run build` first)');
    return null;
  }
  const started = performance.now();
  const target = ARTICLES[scale];
  const parsed = parseCapture(readFileSync(path), { name: path });
  const dbPath = join(dataDir, `api-${target}.db`);
  const buildSec = await ensureStore(dbPath, parsed, path, target);
  const queries = queryMix(parsed.drafts.map((d) => ({ text: d.text })), QUERIES);

  // The store directly, in this process: the floor the API is measured against.
  const store = await openStore(dbPath);
  const direct: number[] = [];
  try {
    for (const q of queries.slice(0, WARM_UP)) await store.search(parseQuery(q), { limit: 10 });
    for (const q of queries) {
      const t = performance.now();
      await store.search(parseQuery(q), { limit: 10 });
      direct.push(performance.now() - t);
    }
  } finally {
    await store.close();
  }

  const server = await startServer(dbPath);
  const pool = new Pool(server.url, { connections: CLIENTS });
  const ask = async (q: string): Promise<number> => {
    const t = performance.now();
    const response = await pool.request({ method: 'GET', path: `/api/search?limit=10&q=${encodeURIComponent(q)}` });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`bench: /api/search answered ${response.statusCode} for ${q}`);
    return performance.now() - t;
  };
  let one: { latencies: number[]; sec: number };
  let many: { latencies: number[]; sec: number; errors: number };
  try {
    for (const q of queries.slice(0, WARM_UP)) await ask(q);
    const t1 = performance.now();
    const oneLatencies: number[] = [];
    for (const q of queries) oneLatencies.push(await ask(q));
    one = { latencies: oneLatencies, sec: (performance.now() - t1) / 1000 };
    // 32 clients each walk the whole mix from its own starting point.
    const t2 = performance.now();
    const manyLatencies: number[] = [];
    let errors = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < PER_CLIENT; i++) {
          try {
            manyLatencies.push(await ask(queries[(client * 7 + i) % queries.length]!));
          } catch {
            errors++;
          }
        }
      }),
    );
    many = { latencies: manyLatencies, sec: (performance.now() - t2) / 1000, errors };
  } finally {
    await pool.close();
    await server.stop();
  }

  const rate = (run: { latencies: number[]; sec: number }) => run.latencies.length / run.sec;
  const apiP50 = percentile(one.latencies, 50);
  const directP50 = percentile(direct, 50);
  return {
    title: `API: /api/search over ${fmt(target)} articles (Reuters TRAIN copied with variation), loopback`,
    rows: [
      ['measure', 'one client', `${CLIENTS} clients`, 'store directly', 'target'],
      ['requests/s', fmt(rate(one)), fmt(rate(many)), fmt(direct.length / (direct.reduce((a, b) => a + b, 0) / 1000)), `${CLIENTS} clients ≥ one client`],
      ['p50, ms', apiP50.toFixed(2), percentile(many.latencies, 50).toFixed(2), directP50.toFixed(2), 'one client ≤ 20 at 1M'],
      ['p99, ms', percentile(one.latencies, 99).toFixed(2), percentile(many.latencies, 99).toFixed(2), percentile(direct, 99).toFixed(2), 'one client ≤ 100 at 1M'],
      ['API p50 ÷ store p50', (apiP50 / directP50).toFixed(2), '', '', '≤ 1.5'],
      ['errors', '0', fmt(many.errors), '', '0'],
    ],
    notes: [
      `store: ${fmt(target)} articles made from Reuters TRAIN's ${fmt(parsed.drafts.length)} stories, each copy with its own ids, a dated variant line and its published day moved, written with stories on (${buildSec === null ? 'reused from bench/data' : `built in ${buildSec.toFixed(0)} s`}); git-ignored`,
      `queries: the ingest bench's fixed mix (rare and common terms, phrases, OR, NOT, prefixes, place: and published: filters), ${QUERIES} of them after ${WARM_UP} to warm up, limit 10, one hit per story`,
      `API: \`dateline serve --rate-limit 0\` in a child process, reads in its reader threads (one a core unless DATELINE_READERS says otherwise); clients are undici Pool requests from this process over ${CLIENTS} keep-alive connections; ${CLIENTS} clients each ask ${PER_CLIENT} queries at once with the others`,
      'store directly: Store.search in this process on the same file, the same queries',
      `section time ${((performance.now() - started) / 1000).toFixed(0)} s`,
    ],
  };
}

/** Builds the benchmark store unless one with the right number of articles is there; seconds taken, or null when reused. */
async function ensureStore(dbPath: string, parsed: ReturnType<typeof parseCapture>, source: string, target: number): Promise<number | null> {
  if (existsSync(dbPath)) {
    const store = await openStore(dbPath);
    const { articles } = await store.stats();
    await store.close();
    if (articles === target) return null;
  }
  removeDatabase(dbPath);
  const t = performance.now();
  const store = await openStore(dbPath);
  storiesOf(store);
  try {
    const base = parsed.drafts.map((draft) => articleOf('base', null, '1987-03-01T00:00:00.000Z', draft));
    for (let copy = 0, written = 0; written < target; copy++) {
      const count = Math.min(base.length, target - written);
      const record = captureRecord(`api bench copy ${copy} of ${source}`, { expectedArticles: count });
      const id = record.capture.id;
      for (let from = 0; from < count; from += WRITE_CHUNK) {
        const articles = base.slice(from, Math.min(count, from + WRITE_CHUNK)).map((article, i) => {
          const position = from + i;
          const text = copy === 0 ? article.text : `${article.text}\n\nFiled again as variant ${copy}.`;
          return {
            ...article,
            id: articleIdFromCapture(id, position),
            captureId: id,
            text,
            paragraphs: text.split('\n\n'),
            published: shiftDays(article.published, copy),
          };
        });
        if (from === 0) await store.writeCapture(record, articles);
        else await store.appendArticles(id, articles);
      }
      written += count;
    }
  } finally {
    await store.close();
  }
  return (performance.now() - t) / 1000;
}

function shiftDays(published: string | null, days: number): string | null {
  const ms = days === 0 ? null : instantOf(published);
  return ms === null ? published : new Date(ms + days * 86_400_000).toISOString();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `dateline serve` on a free port, in a child process; resolves once it is listening. */
function startServer(dbPath: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), 'serve', '--db', dbPath, '--port', '0', '--rate-limit', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`bench: dateline serve exited (${code}) before listening`)));
  });
}
