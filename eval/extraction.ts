// `npm run eval:extraction`: extractHtml's main content and metadata on
// ../shared/corpora/extraction-dev, with trafilatura's metric (eval/extraction-metric.ts), beside
// the HTML-to-text converter (every page's whole text, boilerplate included: the floor) and
// published peers.
//
//   --json         one JSON object with every figure
//   --misses N     the N worst pages by FP+FN, with their missed and wrongly kept snippets
//   --readability  also measure Mozilla Readability on linkedom (about 25 s more)
import cliProgress from 'cli-progress';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corporaDir } from '../bench/corpora.js';
import { readabilityText } from '../bench/extraction.js';
import { htmlToText } from '../src/formats/index.js';
import { type ExtractedPage, extractHtml } from '../src/formats/html/index.js';
import {
  type ExtractionPage,
  type SnippetCounts,
  type SnippetMetrics,
  type SnippetScore,
  authorMatches,
  dayMatches,
  hasTruth,
  loadExtractionDev,
  scoreSnippets,
  snippetMetrics,
  sumCounts,
  titleMatches,
} from './extraction-metric.js';

/** Published figures on trafilatura's full evaluation set (both halves), for context (issue 3). */
const PEERS = [
  { name: 'trafilatura 2.2', precision: 0.906, recall: 0.943, f1: 0.924 },
  { name: 'readability-lxml', precision: null, recall: null, f1: 0.826 },
];

/** Issue 3's targets for extractHtml. */
const TARGETS = { f1: 0.93, precision: 0.92, title: 0.9, date: 0.85 };

const SNIPPET_CHARS = 120;

interface Row extends SnippetCounts, SnippetMetrics {
  name: string;
  pagesPerSecond: number;
}

interface FieldScore {
  matched: number;
  total: number;
  rate: number;
}

interface Failure {
  file: string;
  stage: 'decode' | 'extract';
  error: string;
}

interface PageResult {
  file: string;
  score: SnippetScore;
}

function main(): void {
  let args;
  try {
    args = parseArgs({
      options: { json: { type: 'boolean', default: false }, misses: { type: 'string' }, readability: { type: 'boolean', default: false } },
    }).values;
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const misses = args.misses === undefined ? 0 : Number(args.misses);
  if (!Number.isInteger(misses) || misses < 0) return usage(`--misses wants a whole number, not "${args.misses}"`);

  const index = join(corporaDir, 'extraction-dev', 'evaldata.json');
  if (!existsSync(index)) {
    const skipped = `skipped the extraction evaluation: ${index} not found (set DATELINE_CORPORA to the corpora folder)`;
    console.log(args.json ? JSON.stringify({ skipped }) : skipped);
    return;
  }
  const pages = loadExtractionDev('the extraction evaluation')!;
  const progress = startProgress(pages.length * (args.readability ? 3 : 2), !args.json);

  const failures: Failure[] = pages.filter((p) => p.html === null).map((p) => ({ file: p.case.file, stage: 'decode', error: p.error ?? '' }));
  const results: PageResult[] = [];
  const extracted: Array<ExtractedPage | null> = [];
  let seconds = 0;
  for (const page of pages) {
    let result: ExtractedPage | null = null;
    if (page.html !== null) {
      const start = performance.now();
      try {
        result = extractHtml(page.html, { url: page.case.url });
      } catch (error) {
        failures.push({ file: page.case.file, stage: 'extract', error: error instanceof Error ? error.message : String(error) });
      }
      seconds += (performance.now() - start) / 1000;
    }
    extracted.push(result);
    results.push({ file: page.case.file, score: scoreSnippets(result ? result.paragraphs.join('\n') : null, page.case) });
    progress.increment();
  }
  const rows = [row('dateline extractHtml', results.map((r) => r.score), pages, seconds)];
  rows.push(measure('dateline HTML-to-text (baseline)', pages, htmlToText, progress));
  if (args.readability) rows.push(measure('Readability on linkedom', pages, readabilityText, progress));
  progress.stop();

  const field = (has: (p: ExtractionPage) => boolean, matches: (p: ExtractionPage, e: ExtractedPage | null) => boolean): FieldScore => {
    let matched = 0, total = 0;
    pages.forEach((page, i) => {
      if (!has(page)) return;
      total++;
      if (matches(page, extracted[i] ?? null)) matched++;
    });
    return { matched, total, rate: total === 0 ? 0 : matched / total };
  };
  const metadata = {
    title: field((p) => hasTruth(p.case.title), (p, e) => titleMatches(e?.title ?? null, p.case.title!)),
    date: field((p) => hasTruth(p.case.date), (p, e) => dayMatches(e?.published ?? null, p.case.date!)),
    author: field((p) => hasTruth(p.case.author), (p, e) => authorMatches(e?.byline ?? null, p.case.author!)),
  };
  const ours = rows[0]!;
  const targets = [
    { name: 'F1', target: TARGETS.f1, value: ours.f1 },
    { name: 'precision', target: TARGETS.precision, value: ours.precision },
    { name: 'title', target: TARGETS.title, value: metadata.title.rate },
    { name: 'date', target: TARGETS.date, value: metadata.date.rate },
  ].map((t) => ({ ...t, pass: t.value >= t.target }));
  const worst = [...results]
    .filter((r) => r.score.fp + r.score.fn > 0)
    .sort((a, b) => b.score.fp + b.score.fn - (a.score.fp + a.score.fn) || a.file.localeCompare(b.file))
    .slice(0, misses);

  const snippets = { with: pages.reduce((n, p) => n + p.case.with.length, 0), without: pages.reduce((n, p) => n + p.case.without.length, 0) };
  if (args.json) {
    const report = {
      corpus: { pages: pages.length, ...snippets },
      extractors: rows,
      peers: PEERS.map((p) => ({ ...p, published: true })),
      metadata,
      targets,
      failures,
      ...(misses > 0 ? { misses: worst.map((r) => ({ file: r.file, fp: r.score.fp, fn: r.score.fn, missed: r.score.missed, found: r.score.found })) } : {}),
    };
    console.log(JSON.stringify(report, null, 2));
    return;
  }

  const f = (n: number | null) => (n === null ? '  -  ' : n.toFixed(3));
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  console.log(`extraction-dev: ${pages.length} pages, ${snippets.with} "with" and ${snippets.without} "without" snippets`);
  console.log(`${'extractor'.padEnd(40)}precision  recall  F1     accuracy  pages/s`);
  for (const r of rows) console.log(`${r.name.padEnd(40)}${f(r.precision)}      ${f(r.recall)}   ${f(r.f1)}  ${f(r.accuracy)}     ${Math.round(r.pagesPerSecond)}`);
  for (const p of PEERS) console.log(`${`${p.name} (published, full set)`.padEnd(40)}${f(p.precision)}      ${f(p.recall)}   ${f(p.f1)}`);
  if (!args.readability) console.log('(--readability adds Mozilla Readability on linkedom, measured on these pages)');

  console.log(`\n${'metadata, on the pages that give it'.padEnd(40)}matched`);
  for (const [name, s] of Object.entries({ title: metadata.title, 'publication day': metadata.date, author: metadata.author })) {
    console.log(`${name.padEnd(40)}${`${s.matched}/${s.total}`.padEnd(10)}${pct(s.rate)}`);
  }

  console.log('\ntargets (issue 3)');
  for (const t of targets) {
    const shown = t.name === 'title' || t.name === 'date' ? `${pct(t.value)} (target ≥ ${pct(t.target)})` : `${f(t.value)} (target ≥ ${t.target})`;
    console.log(`  ${t.pass ? '✓' : '✗'} ${t.name.padEnd(10)} ${shown}`);
  }

  if (failures.length > 0) {
    console.log(`\n${failures.length} page(s) threw; their "with" snippets count as false negatives:`);
    for (const x of failures) console.log(`  ${x.file} (${x.stage}): ${truncate(x.error)}`);
  }
  if (misses > 0) {
    console.log(`\nworst ${worst.length} page(s) by FP+FN (- a "with" snippet missed, + a "without" snippet kept):`);
    for (const r of worst) {
      console.log(`  ${r.file}  FN ${r.score.fn}, FP ${r.score.fp}`);
      for (const s of r.score.missed) console.log(`    - ${truncate(s)}`);
      for (const s of r.score.found) console.log(`    + ${truncate(s)}`);
    }
  }
}

/** One extractor over every decoded page, timed around the extraction alone. */
function measure(name: string, pages: ExtractionPage[], extract: (html: string, url: string | null) => string, progress: Progress): Row {
  let seconds = 0;
  const scores = pages.map((page) => {
    let text: string | null = null;
    if (page.html !== null) {
      const start = performance.now();
      try {
        text = extract(page.html, page.case.url);
      } catch {
        // Scored as nothing extracted, as for dateline.
      }
      seconds += (performance.now() - start) / 1000;
    }
    progress.increment();
    return scoreSnippets(text, page.case);
  });
  return row(name, scores, pages, seconds);
}

function row(name: string, scores: SnippetCounts[], pages: ExtractionPage[], seconds: number): Row {
  const counts = sumCounts(scores);
  const decoded = pages.filter((p) => p.html !== null).length;
  return { name, ...counts, ...snippetMetrics(counts), pagesPerSecond: seconds === 0 ? 0 : decoded / seconds };
}

const truncate = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= SNIPPET_CHARS ? line : `${line.slice(0, SNIPPET_CHARS - 1)}…`;
};

interface Progress {
  increment(): void;
  stop(): void;
}

/** A bar on stderr when it is a terminal; silent otherwise (and under --json). */
function startProgress(total: number, show: boolean): Progress {
  if (!show || !process.stderr.isTTY) return { increment() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: 'eval:extraction [{bar}] {value}/{total} extractions', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { increment: () => bar.increment(), stop: () => bar.stop() };
}

function usage(message: string): void {
  console.error(`eval:extraction: ${message}\nusage: npm run eval:extraction -- [--json] [--misses N] [--readability]`);
  process.exitCode = 2;
}

main();
