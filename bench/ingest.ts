// Ingest of Reuters TRAIN end to end, beside the same texts inserted straight into an FTS5 table;
// then search latency over a fixed mix of queries on the database it built.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCapture } from '../src/formats/index.js';
import type { IngestSummary } from '../src/ingest/index.js';
import { parseQuery } from '../src/query/index.js';
import { openStore } from '../src/store/index.js';
import type { BenchSection } from './index.js';
import { corpusFile, repoRoot } from './corpora.js';
import { fmt } from './section.js';

export { fmt };

export const dataDir = join(repoRoot, 'bench', 'data');

export async function benchIngest(scale: 'default' | 'full'): Promise<BenchSection | null> {
  const path = corpusFile('reuters21578/reuters-train.sgm', 'the ingest benchmark');
  if (!path) return null;
  mkdirSync(dataDir, { recursive: true });
  const bytes = readFileSync(path);
  const texts = parseCapture(bytes, { name: path }).drafts.map((d) => ({ title: d.known.title ?? '', text: d.text }));

  const copies = scale === 'full' ? 5 : 1;
  const inputs = [path];
  for (let k = 1; k < copies; k++) {
    // Distinct bytes (k trailing newlines) make distinct captures of the same stories, so the
    // store holds `copies` times the articles.
    const variant = join(dataDir, `reuters-variant-${k}.sgm`);
    writeFileSync(variant, Buffer.concat([bytes, Buffer.from('\n'.repeat(k))]));
    inputs.push(variant);
  }
  const articlesIn = texts.length * copies;

  // Each side runs RUNS times, alternating, and the median counts: single runs on a two-core
  // machine swing by a fifth.
  const dbPath = join(dataDir, 'reuters.db');
  const runs: Array<{ baseline: number; cli: IngestRun; library: IngestRun }> = [];
  const fresh = () => removeDatabase(dbPath);
  for (let round = 0; round < RUNS; round++) {
    const baseline = baselineInsert(texts, copies);
    fresh();
    const cli = ingestWithCli(inputs, dbPath);
    fresh();
    runs.push({ baseline, cli, library: ingestWithLibrary(inputs, dbPath) });
  }
  const baseline = median(runs.map((r) => r.baseline));
  // The ratio is taken within each round, then the median: the machine's pace drifts between rounds.
  const ratioOf = (pick: (r: (typeof runs)[number]) => IngestRun) => median(runs.map((r) => pick(r).rate / r.baseline));
  const cliRate = median(runs.map((r) => r.cli.rate));
  const rate = median(runs.map((r) => r.library.rate));
  const { sec: ingestSec, peakMb, summary } = [...runs].sort((a, b) => a.library.rate - b.library.rate)[Math.floor(runs.length / 2)]!.library;
  const store = await openStore(dbPath);
  const queries = queryMix(texts, 200);
  for (const q of queries.slice(0, 20)) await store.search(parseQuery(q), { limit: 10 }); // warm the page cache
  const latencies: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    await store.search(parseQuery(q), { limit: 10 });
    latencies.push(performance.now() - start);
  }
  await store.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;

  return {
    title: `Ingest and search: Reuters TRAIN${copies > 1 ? ` × ${copies}` : ''} (${articlesIn.toLocaleString('en')} articles)`,
    rows: [
      ['measure', 'dateline', 'baseline', 'ratio'],
      ['ingest, articles/s', fmt(rate), `${fmt(baseline)} (raw FTS5 insert)`, `${ratioOf((r) => r.library).toFixed(2)} (target ≥ 0.2 with stories)`],
      ['`dateline ingest` command, articles/s', fmt(cliRate), '', `${ratioOf((r) => r.cli).toFixed(2)} (process start included)`],
      ['search p50, ms', pct(50).toFixed(2), '', ''],
      ['search p99, ms', pct(99).toFixed(2), '', 'target ≤ 20'],
    ],
    notes: [
      `ingest(): read, SHA-256, capture stored, SGML parsed, each story structured, language detected, articles and FTS5 index written; ${summary.articles.added} articles in ${ingestSec.toFixed(2)} s, peak RSS ${peakMb} MB; medians of ${RUNS} rounds, each running the baseline, the command and the library once`,
      'baseline: the same title and text inserted into a bare FTS5 table with better-sqlite3 in one transaction, timed through close as ingest() is',
      `search: ${queries.length} queries (rare and common terms, AND, OR, NOT, phrases, prefixes, place: and published: filters), limit 10, after 20 warm-up queries`,
    ],
  };
}

const RUNS = 5;

export interface IngestRun {
  rate: number;
  sec: number;
  peakMb: number | null;
  summary: IngestSummary;
}

/**
 * The built library's ingest(), timed from the call to its return like the baseline's inserts,
 * in a child process of its own (so its workers and memory are its own).
 */
export function ingestWithLibrary(inputs: string[], dbPath: string): IngestRun {
  const dist = (module: string) => JSON.stringify(pathToFileURL(join(repoRoot, 'dist', module)).href);
  const script = `
    const { ingest } = await import(${dist('ingest/index.js')});
    const { openStore } = await import(${dist('store/index.js')});
    const store = await openStore(${JSON.stringify(dbPath)});
    let peak = process.memoryUsage.rss();
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const t0 = performance.now();
    const summary = await ingest(store, ${JSON.stringify(inputs)});
    await store.close();
    const sec = (performance.now() - t0) / 1000;
    clearInterval(timer);
    console.log(JSON.stringify({ sec, summary, peakMb: Math.round(peak / 2 ** 20) }));`;
  // A file, not `-e`: workers inherit the parent's flags, and --input-type is refused for them.
  const file = join(dataDir, 'ingest-library.mjs');
  writeFileSync(file, script);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`bench: ingest() failed (${run.status}): ${run.stderr.slice(0, 500)}`);
  const { sec, summary, peakMb } = JSON.parse(run.stdout) as { sec: number; summary: IngestSummary; peakMb: number };
  return { rate: summary.articles.added / sec, sec, peakMb, summary };
}

/** The built command, as a user runs it: process start, workers and all; peak RSS via GNU time where present. */
function ingestWithCli(inputs: string[], dbPath: string): IngestRun {
  const command = [join(repoRoot, 'dist', 'cli', 'main.js'), 'ingest', ...inputs, '--db', dbPath, '--json'];
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const sec = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`bench: dateline ingest failed (${run.status}): ${run.stderr.slice(0, 500)}`);
  const summary = JSON.parse(run.stdout) as IngestSummary;
  const peakMb = timed ? Math.round(Number(run.stderr.trim().split('\n').pop()) / 1024) : null;
  return { rate: summary.articles.added / sec, sec, peakMb, summary };
}

export function baselineInsert(texts: Array<{ title: string; text: string }>, copies: number): number {
  const path = join(dataDir, 'baseline.db');
  removeDatabase(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE VIRTUAL TABLE docs USING fts5(title, text)');
  const insert = db.prepare('INSERT INTO docs (title, text) VALUES (?, ?)');
  const t0 = performance.now();
  db.transaction(() => {
    for (let k = 0; k < copies; k++) for (const t of texts) insert.run(t.title, t.text);
  })();
  // Timed through close (the WAL checkpoint), as ingest() is: both sides end with the rows in the file.
  db.close();
  const sec = (performance.now() - t0) / 1000;
  return (texts.length * copies) / sec;
}

/** A fixed, seeded mix of queries drawn from the corpus's own words. */
export function queryMix(texts: Array<{ text: string }>, count: number): string[] {
  let seed = 20260101;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const counts = new Map<string, number>();
  const sample = texts.filter((_, i) => i % 5 === 0);
  for (const t of sample) for (const w of t.text.toLowerCase().match(/[a-z]{4,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const common = words.slice(20, 300);
  const rare = words.filter((w) => (counts.get(w) ?? 0) <= 3).slice(0, 3000);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const phrase = () => {
    const t = pick(sample.map((s) => s.text)).match(/[A-Za-z]{3,} [A-Za-z]{3,}/g) ?? ['trade deficit'];
    return `"${pick(t)}"`;
  };
  const places = ['"NEW YORK"', 'LONDON', 'TOKYO', 'WASHINGTON', 'CHICAGO', 'PARIS'];
  const makers = [
    () => pick(rare),
    () => pick(common),
    () => `${pick(common)} ${pick(common)}`,
    () => phrase(),
    () => `${pick(common)} OR ${pick(rare)}`,
    () => `${pick(common)} -${pick(common)}`,
    () => `${pick(common).slice(0, 4)}*`,
    () => `${pick(common)} place:${pick(places)}`,
    () => `${pick(common)} published:>=1987-03-15`,
    () => `(${pick(common)} OR ${pick(common)}) AND ${pick(common)}`,
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!());
}


export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Removes an SQLite database with its WAL and shared-memory files. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
