// Stories: the near-duplicate core of src/stories on generated articles: MinHash signatures alone
// (signatureOf over every text), then clustering (StoryIndex.add over every article, one process,
// one core), both in one child process running the built dist/stories, so the parent's memory does
// not count in its peak RSS. The child generates the articles itself, batch by batch, from a seeded
// PRNG (untimed), so no corpus is held in memory either.
// Run alone: npx tsx bench/stories.ts (after `npm run build`: the measured side runs dist/).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot } from './corpora.js';
import { fmt, printSection, type BenchSection } from './section.js';

const ARTICLES = { default: 100_000, full: 1_000_000 } as const;
/** Share of articles that are syndicated copies of an earlier original. */
const COPY_SHARE = 0.3;
/** A copy picks its original among the last this many originals (a wire story's pickup window). */
const PICKUP_WINDOW = 2_000;
const PARAGRAPHS = 5;
const WORDS_PER_PARAGRAPH = 60;
/** Articles generated, then timed, at a time. */
const BATCH = 1_024;
const SEED = 0x0d47e11e;
/** The targets. */
const TARGET_CLUSTER_RATE = 5_000;
const TARGET_FULL_SEC = 300;
const LIMIT_INDEX_BYTES = 2 ** 30;

export async function benchStories(scale: 'default' | 'full'): Promise<BenchSection | null> {
  if (!existsSync(join(repoRoot, 'dist', 'stories', 'index.js'))) {
    console.log('skipped the stories benchmark: dist/stories/index.js not found (`npm run build` first)');
    return null;
  }
  const started = performance.now();
  const n = ARTICLES[scale];
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(n)], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`bench: the stories child failed (${child.status}): ${(child.stderr ?? '').slice(0, 800)}`);
  const run = JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildRun;
  const sigRate = run.articles / run.signatureSec;
  const clusterRate = run.articles / run.clusterSec;
  const sectionSec = (performance.now() - started) / 1000;
  const perArticle = run.indexBytes / run.articles;
  const projectedFullSec = ARTICLES.full / clusterRate;
  const projectedFullBytes = perArticle * ARTICLES.full;

  return {
    title: `Stories: near-duplicate clustering of ${fmt(n)} generated articles (one core)`,
    rows: [
      ['measure', 'value', 'target'],
      ['MinHash signatures alone, articles/s', fmt(sigRate), ''],
      ['clustering (StoryIndex.add), articles/s', fmt(clusterRate), `≥ ${fmt(TARGET_CLUSTER_RATE)}`],
      ['clustering / signatures alone', (clusterRate / sigRate).toFixed(2), ''],
      [
        `clustering time for ${fmt(n)}, s`,
        run.clusterSec.toFixed(1),
        scale === 'full' ? `< ${TARGET_FULL_SEC} s` : `1M projected ${projectedFullSec.toFixed(0)} s (target < ${TARGET_FULL_SEC})`,
      ],
      [
        'index (memoryBytes), bytes/article',
        fmt(perArticle),
        scale === 'full'
          ? `total ${(run.indexBytes / 2 ** 20).toFixed(0)} MiB (< 1 GiB)`
          : `1M projected ${(projectedFullBytes / 2 ** 20).toFixed(0)} MiB (< 1 GiB)`,
      ],
      [
        'index measured (heap + buffers after GC), bytes/article',
        fmt(run.measuredBytes / run.articles),
        scale === 'full'
          ? `total ${(run.measuredBytes / 2 ** 20).toFixed(0)} MiB (< 1 GiB)`
          : `1M projected ${((run.measuredBytes / run.articles) * ARTICLES.full / 2 ** 20).toFixed(0)} MiB (< 1 GiB)`,
      ],
      ['peak RSS of the child, MB', fmt(run.peakMb), ''],
      ['stories found / true clusters', `${fmt(run.stories)} / ${fmt(run.trueClusters)}`, 'equal'],
      ['copies joined to their original’s story', `${fmt(run.copiesJoined)} / ${fmt(run.copies)}`, ''],
      ['originals wrongly merged into another story', fmt(run.originalsMerged), '0'],
    ],
    notes: [
      `articles: generated in the child from a seeded PRNG (sfc32, one stream per article, seed ${SEED.toString(16)}), batch by batch (${BATCH} at a time), generation untimed; each original ${PARAGRAPHS} paragraphs of ${WORDS_PER_PARAGRAPH} words (sentences from a fixed vocabulary of ${VOCABULARY.length} words, with amounts, percentages, counts and years), a dateline and a headline; ${Math.round(COPY_SHARE * 100)}% of articles are syndicated copies of one of the last ${fmt(PICKUP_WINDOW)} originals: one paragraph (not the first) trimmed, three words changed, a site header (site name and a menu line) and a copyright footer, another headline, published later`,
      `signatures alone: signatureOf(text) (chrome removal, tokenising, 128-permutation MinHash) over every text; clustering: one new StoryIndex(), add() over every article in order, which computes the signature again; both timed batch by batch on the same generated batch (signatures, then add), one run, in one child process (node --import tsx, importing dist/stories), so one generation serves both`,
      `peak RSS: process.resourceUsage().maxRSS of the child over its whole life, the index held to the end; besides the index the child holds one batch of texts, the originals still awaiting copies (about ${fmt(PICKUP_WINDOW)}), a few ${fmt(n)}-entry arrays of the plan, a map from originals to story ids, and tsx's loader`,
      `index measured: process.memoryUsage() heapUsed + arrayBuffers after global.gc() at the end, less the same before the index was made, with the child's own maps emptied first (the index as ingest keeps it: keepMembers false); index bytes: StoryIndex.memoryBytes(), its own estimate, at the end, ${(run.indexBytes / 2 ** 20).toFixed(1)} MiB for ${fmt(run.stories)} stories${scale === 'full' ? '' : '; the 1M projections scale this run linearly (BENCH_SCALE=full measures them)'}`,
      `quality: a copy counts as joined when add() put it in the story its original founded; an original counts as wrongly merged when add() joined it to any story`,
      `section time ${sectionSec.toFixed(0)} s (child: generation ${run.generateSec.toFixed(1)} s untimed)`,
    ],
  };
}

interface ChildRun {
  articles: number;
  copies: number;
  trueClusters: number;
  signatureSec: number;
  clusterSec: number;
  generateSec: number;
  indexBytes: number;
  /** Heap and array buffers the index holds, measured after a full GC (the end less the start). */
  measuredBytes: number;
  stories: number;
  copiesJoined: number;
  originalsMerged: number;
  peakMb: number;
}

// ---------------------------------------------------------------------------------------------
// The generator: deterministic, from (SEED, article number).

/**
 * sfc32 (128-bit state), seeded from two numbers: one generator per article, so any article can
 * be made alone. (A 32-bit-state generator such as mulberry32 would not do: its one cycle makes
 * two articles' streams overlap, shifted, often enough at 100,000 articles to write near-copies.)
 */
function sfc32(x: number, y: number): () => number {
  let a = x >>> 0;
  let b = y >>> 0;
  let c = 0x9e3779b9;
  let d = 1;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const VOCABULARY = (
  'the a an of in on for with by from to and or but as at after before over under during against between ' +
  'company government council minister ministry agency board bank market shares investors analysts officials workers union ' +
  'city region country state province port airport railway factory plant mine farm hospital school university court police ' +
  'announced said reported confirmed expected approved rejected signed opened closed raised cut increased reduced rose fell ' +
  'plan project deal contract agreement proposal budget report forecast outlook results revenue profit loss sales output ' +
  'energy power grid solar wind battery oil gas coal water steel copper wheat rice coffee sugar cotton timber fish ' +
  'trade exports imports tariffs prices rates inflation growth demand supply jobs wages housing rents loans debt bonds ' +
  'new major local national foreign regional quarterly annual early late first second third final strong weak higher lower ' +
  'storm flood drought fire earthquake repairs damage rescue relief aid fund support investment expansion construction ' +
  'talks meeting summit vote election campaign parliament committee inquiry review audit decision ruling appeal law rule ' +
  'week month year quarter season period day morning evening spokesman spokeswoman director chief executive chairman ' +
  'service network system software data platform customers users patients students residents farmers drivers passengers ' +
  'north south east west central coastal northern southern eastern western rural urban industrial public private ' +
  'according statement told reporters added noted warned called urged sought planned launched completed delayed resumed'
).split(' ');
const PLACES = ['LONDON', 'BEIJING', 'NEW YORK', 'TOKYO', 'PARIS', 'SYDNEY', 'BERLIN', 'MADRID', 'NAIROBI', 'LIMA', 'OSLO', 'MUMBAI'];
const UNITS = ['percent', 'million', 'billion', 'tonnes', 'people', 'units', 'points', 'dollars'];
const EPOCH = Date.UTC(2026, 0, 1);

interface Article {
  id: string;
  title: string;
  text: string;
  published: string;
}

/** The plan: for each article, its true cluster (the number of the article that founded it). */
function plan(n: number): { clusterOf: Int32Array; copies: number; clusters: number } {
  const rng = sfc32(SEED, 0);
  const clusterOf = new Int32Array(n);
  const originals: number[] = [];
  let copies = 0;
  for (let i = 0; i < n; i++) {
    if (originals.length > 0 && rng() < COPY_SHARE) {
      const window = Math.min(PICKUP_WINDOW, originals.length);
      clusterOf[i] = originals[originals.length - 1 - Math.floor(rng() * window)]!;
      copies++;
    } else {
      clusterOf[i] = i;
      originals.push(i);
    }
  }
  return { clusterOf, copies, clusters: originals.length };
}

/** An original's paragraphs and headline, from its article number alone. */
interface Original {
  title: string;
  paragraphs: string[];
}

function original(k: number): Original {
  const rng = sfc32(SEED, k + 1);
  const word = () => VOCABULARY[Math.floor(rng() * VOCABULARY.length)]!;
  const figure = () => {
    const r = rng();
    if (r < 0.3) return `${(rng() * 100).toFixed(1)} ${UNITS[Math.floor(rng() * UNITS.length)]!}`;
    if (r < 0.6) return `${Math.floor(rng() * 9_000 + 10)} ${UNITS[Math.floor(rng() * UNITS.length)]!}`;
    if (r < 0.8) return String(2000 + Math.floor(rng() * 27));
    return `${Math.floor(rng() * 500 + 1)}`;
  };
  const paragraphs: string[] = [];
  for (let p = 0; p < PARAGRAPHS; p++) {
    const sentences: string[] = [];
    let words = 0;
    while (words < WORDS_PER_PARAGRAPH) {
      const length = 8 + Math.floor(rng() * 12);
      const parts: string[] = [];
      for (let w = 0; w < length; w++) parts.push(w > 2 && rng() < 0.08 ? figure() : word());
      const first = parts[0]!;
      parts[0] = first.charAt(0).toUpperCase() + first.slice(1);
      sentences.push(`${parts.join(' ')}${rng() < 0.15 ? ', officials said' : ''}.`);
      words += length;
    }
    paragraphs.push(sentences.join(' '));
  }
  const place = PLACES[k % PLACES.length]!;
  paragraphs[0] = `${place} (Wire) - ${paragraphs[0]!}`;
  const title = Array.from({ length: 7 }, word).join(' ');
  return { title: title.charAt(0).toUpperCase() + title.slice(1), paragraphs };
}

/** Article i: its cluster's original, or a syndicated copy of it. */
function article(i: number, cluster: number, made: Original = original(cluster)): Article {
  const { title, paragraphs } = made;
  const published = new Date(EPOCH + cluster * 60_000 + (i - cluster) * 1_000).toISOString();
  if (i === cluster) return { id: `a${i}`, title, text: paragraphs.join('\n\n'), published };
  const rng = sfc32(SEED ^ 0x5bd1e995, i + 1);
  const site = Math.floor(rng() * 500);
  const kept = [...paragraphs];
  kept.splice(1 + Math.floor(rng() * (kept.length - 1)), 1);
  const changed = kept.map((p) => p.split(' '));
  for (let c = 0; c < 3; c++) {
    const words = changed[Math.floor(rng() * changed.length)]!;
    const at = Math.floor(rng() * words.length);
    if (/^[a-z]+$/.test(words[at]!)) words[at] = VOCABULARY[Math.floor(rng() * VOCABULARY.length)]!;
  }
  const header = [`Site ${site} News`, 'Home | World | Business | Sport | Contact'];
  const footer = [`Share this story`, `© 2026 Site ${site} Media. All rights reserved.`];
  const text = [...header, ...changed.map((w) => w.join(' ')), ...footer].join('\n\n');
  return { id: `a${i}`, title: `Site ${site}: ${title.toLowerCase()}`, text, published };
}

// ---------------------------------------------------------------------------------------------
// The child: generates, times, prints one JSON line.

async function child(n: number): Promise<ChildRun> {
  type Stories = typeof import('../src/stories/index.js');
  const stories = (await import(pathToFileURL(join(repoRoot, 'dist', 'stories', 'index.js')).href)) as Stories;
  const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
  const { clusterOf, copies, clusters } = plan(n);
  // Copies still to come per original, so each original is made once and dropped after its last
  // copy (at most about PICKUP_WINDOW of them are held at a time).
  const pending = new Int32Array(n);
  for (let i = 0; i < n; i++) if (clusterOf[i] !== i) pending[clusterOf[i]!]!++;
  const held = new Map<number, Original>();

  const heldBytes = () => {
    (globalThis as { gc?: () => void }).gc?.();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const before = heldBytes();
  // As ingest keeps it: members live in the store, not in the index.
  const index = new stories.StoryIndex({ keepMembers: false });
  const storyOfOriginal = new Map<number, string>();
  let generateSec = 0;
  let signatureSec = 0;
  let clusterSec = 0;
  let copiesJoined = 0;
  let originalsMerged = 0;
  let checksum = 0;
  for (let start = 0; start < n; start += BATCH) {
    const t0 = performance.now();
    const batch: Article[] = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      const cluster = clusterOf[i]!;
      const made = held.get(cluster) ?? original(cluster);
      if (cluster === i && pending[i]! > 0) held.set(i, made);
      if (cluster !== i && --pending[cluster]! === 0) held.delete(cluster);
      batch.push(article(i, cluster, made));
    }
    const t1 = performance.now();
    for (const a of batch) checksum ^= stories.signatureOf(a.text)[0]!;
    const t2 = performance.now();
    const matches = batch.map((a) => index.add(a));
    const t3 = performance.now();
    generateSec += (t1 - t0) / 1000;
    signatureSec += (t2 - t1) / 1000;
    clusterSec += (t3 - t2) / 1000;
    matches.forEach((match, k) => {
      const i = start + k;
      const cluster = clusterOf[i]!;
      if (cluster === i) {
        if (match.joined) originalsMerged++;
        storyOfOriginal.set(i, match.storyId);
      } else if (storyOfOriginal.get(cluster) === match.storyId) copiesJoined++;
    });
  }
  if (checksum === 0.5) console.error('unreachable');
  // Only the index stays reachable for the measurement.
  storyOfOriginal.clear();
  held.clear();
  const measuredBytes = heldBytes() - before;
  return {
    articles: n,
    copies,
    trueClusters: clusters,
    signatureSec,
    clusterSec,
    generateSec,
    indexBytes: index.memoryBytes(),
    measuredBytes,
    stories: index.size,
    copiesJoined,
    originalsMerged,
    peakMb: peakMb(),
  };
}

const childAt = process.argv.indexOf('--child');
const isMain = process.argv[1] !== undefined && /bench[\\/]stories\.[mc]?[tj]s$/.test(process.argv[1]);
if (isMain && childAt !== -1) {
  console.log(JSON.stringify(await child(Number(process.argv[childAt + 1]))));
} else if (isMain) {
  const started = Date.now();
  const section = await benchStories(process.env.BENCH_SCALE === 'full' ? 'full' : 'default');
  if (section) printSection(section);
  console.log(`stories bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
