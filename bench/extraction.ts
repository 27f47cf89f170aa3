// Main-content extraction speed on extraction-dev: dateline's extractHtml beside Mozilla
// Readability on linkedom, on the same decoded pages in the same process; then dateline's peak
// memory over the whole set, in a child process of its own. Run alone: npx tsx bench/extraction.ts
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { extractHtml } from '../src/formats/html/index.js';
import {
  type ExtractionPage,
  type SnippetMetrics,
  loadExtractionDev,
  scoreSnippets,
  snippetMetrics,
  sumCounts,
} from '../eval/extraction-metric.js';
import { corporaDir, repoRoot } from './corpora.js';
import { printSection, type BenchSection } from './section.js';
import { dataDir, fmt, median } from './ingest.js';

const RUNS = 3;
/** Pages each side extracts before timing starts, to warm the JIT and the regex caches. */
const WARMUP_PAGES = 100;
/** The targets: at least 3× Readability-on-linkedom's pages/s, at most 300 MB peak RSS. */
const TARGET_RATIO = 3;
const LIMIT_MB = 300;

export async function benchExtraction(_scale: 'default' | 'full'): Promise<BenchSection | null> {
  const loaded = loadExtractionDev('the extraction benchmark');
  if (!loaded) return null;
  const pages = loaded.filter((p): p is ExtractionPage & { html: string } => p.html !== null);

  const dateline = extractor('dateline', (html, url) => extractHtml(html, { url }).paragraphs.join('\n'));
  const readability = extractor('Readability', readabilityText);
  const collectGarbage = exposeGc();
  for (const side of [dateline, readability]) side.pass(pages.slice(0, WARMUP_PAGES));
  // Alternating which side goes first: the machine's pace drifts within a run.
  const rounds: Array<{ dateline: number; readability: number }> = [];
  for (let round = 0; round < RUNS; round++) {
    const order = round % 2 === 0 ? [dateline, readability] : [readability, dateline];
    const rate = new Map(
      order.map((side) => {
        collectGarbage();
        return [side, side.pass(pages)];
      }),
    );
    rounds.push({ dateline: rate.get(dateline)!, readability: rate.get(readability)! });
  }
  const ratio = median(rounds.map((r) => r.dateline / r.readability));
  const memory = peakMemory();
  const quality = (side: Extractor) => snippetMetrics(sumCounts(pages.map((p, i) => scoreSnippets(side.texts[i] ?? null, p.case))));
  const f = (m: SnippetMetrics) => `${m.f1.toFixed(3)} (P ${m.precision.toFixed(3)}, R ${m.recall.toFixed(3)})`;

  return {
    title: `Extraction: trafilatura's extraction-dev (${pages.length} pages)`,
    rows: [
      ['measure', 'dateline', 'baseline', 'ratio'],
      [
        'extraction, pages/s',
        fmt(median(rounds.map((r) => r.dateline))),
        `${fmt(median(rounds.map((r) => r.readability)))} (Readability on linkedom)`,
        `${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`,
      ],
      ['peak RSS over the set, MB', memory ? String(memory.mb) : 'n/a', '', `limit ≤ ${LIMIT_MB}`],
      ['F1 on the same pages', f(quality(dateline)), f(quality(readability)), ''],
    ],
    notes: [
      `pages decoded once beforehand with decodeText, ${loaded.length - pages.length} that failed to decode left out; a warm-up of ${WARMUP_PAGES} pages each, then medians of ${RUNS} rounds over all pages, the sides alternating which goes first, a full garbage collection before each pass`,
      `dateline: extractHtml(html, { url }), text = paragraphs joined; ${dateline.errors} page(s) threw`,
      `Readability: @mozilla/readability on linkedom's parseHTML, the page URL as the window location, parse().textContent; ${readability.errors} page(s) threw, ${readability.empty} gave no article`,
      memory
        ? `peak RSS: process.resourceUsage().maxRSS of a child process running the built extractHtml (dist/) page by page over ${memory.pages} pages, reading and decoding included`
        : 'peak RSS: not measured, dist/formats/html/index.js is missing (`npm run build` first)',
      "F1: trafilatura's snippet metric (eval/extraction-metric.ts), the figure `npm run eval:extraction` reports",
    ],
  };
}

/**
 * A full collection before each timed pass. Without it, linkedom's documents pile up as garbage
 * that V8 is slow to reclaim: the heap grew by about 1 GB a pass and Readability's third pass
 * ran six times slower than its first, a measure of the collector rather than of Readability.
 */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface Extractor {
  name: string;
  /** Extracts every page; returns pages per second. */
  pass(pages: Array<ExtractionPage & { html: string }>): number;
  /** The last full pass's text per page; null where extraction threw. */
  texts: Array<string | null>;
  errors: number;
  empty: number;
}

function extractor(name: string, extract: (html: string, url: string | null) => string | null): Extractor {
  const side: Extractor = {
    name,
    texts: [],
    errors: 0,
    empty: 0,
    pass(pages) {
      const texts: Array<string | null> = new Array(pages.length);
      let errors = 0;
      const start = performance.now();
      for (let i = 0; i < pages.length; i++) {
        try {
          texts[i] = extract(pages[i]!.html, pages[i]!.case.url);
        } catch {
          texts[i] = null;
          errors++;
        }
      }
      const sec = (performance.now() - start) / 1000;
      Object.assign(side, { texts, errors, empty: texts.filter((t) => t === '').length });
      return pages.length / sec;
    },
  };
  return side;
}

// linkedom's typings give parseHTML one parameter; its second sets the window's globals, and
// Readability resolves links against document.baseURI, which linkedom takes from `location`.
const parseWithGlobals = parseHTML as unknown as (html: string, globals: object) => { document: unknown };

/**
 * The peer: Readability's article text, '' when it finds no article. Throws where Readability
 * or linkedom does.
 */
export function readabilityText(html: string, url: string | null): string {
  const { document } = parseWithGlobals(html, url ? { location: new URL(url) } : {});
  const article = new Readability(document as ConstructorParameters<typeof Readability>[0]).parse();
  return article?.textContent ?? '';
}

/** dateline's built extractor over every page, one at a time, in a child process; its peak RSS. */
function peakMemory(): { mb: number; pages: number } | null {
  const dist = (module: string) => join(repoRoot, 'dist', module);
  if (!existsSync(dist('formats/html/index.js'))) return null;
  const href = (module: string) => JSON.stringify(pathToFileURL(dist(module)).href);
  const script = `
    import { readFileSync } from 'node:fs';
    import { join } from 'node:path';
    const { decodeText } = await import(${href('formats/index.js')});
    const { extractHtml } = await import(${href('formats/html/index.js')});
    const dir = ${JSON.stringify(join(corporaDir, 'extraction-dev'))};
    const cases = Object.values(JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')));
    let pages = 0;
    for (const item of cases) {
      try {
        extractHtml(decodeText(readFileSync(join(dir, 'pages', item.file)), { name: item.file }).text);
        pages++;
      } catch {}
    }
    console.log(JSON.stringify({ pages, maxRssKiB: process.resourceUsage().maxRSS }));`;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'extraction-memory.mjs');
  writeFileSync(file, script);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bench: extraction memory run failed (${run.status}): ${run.stderr.slice(0, 500)}`);
  const { pages, maxRssKiB } = JSON.parse(run.stdout) as { pages: number; maxRssKiB: number };
  return { mb: Math.round(maxRssKiB / 1024), pages };
}

const isMain = process.argv[1] !== undefined && /bench[\\/]extraction\.[mc]?[tj]s$/.test(process.argv[1]);
if (isMain) {
  const started = Date.now();
  const section = await benchExtraction('default');
  if (section) {
    printSection(section);
  }
  console.log(`extraction bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
