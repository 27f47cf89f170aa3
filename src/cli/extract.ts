// `dateline extract`: an HTML page's main content and metadata, storing nothing; with --batch,
// every page a manifest lists, one JSON line each, from one process (for evaluations and scripts).
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { DatelineError, MAX_CAPTURE_BYTES, formatSize, isDatelineError } from '../core/index.js';
import type { ExtractedPage } from '../formats/index.js';
import { EXIT_FAILED, EXIT_OK, bold, dim, printJson, run } from './output.js';

interface ExtractCommandOptions {
  url?: string;
  json?: boolean;
  text?: boolean;
  batch?: string;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description("print an HTML page's main content and metadata, storing nothing (or, with --batch, every page a manifest lists)")
    .argument('[file]', 'an HTML file, or - for standard input')
    .option('--url <url>', "the page's URL: resolves relative links, the canonical URL and the image")
    .option('--json', 'the extracted page as one JSON object')
    .option('--text', 'only the text, paragraphs separated by blank lines')
    .option('--batch <manifest>', 'extract the pages a manifest lists (lines id<TAB>path); prints one JSON line per page')
    .action(async (file: string | undefined, options: ExtractCommandOptions) => {
      await run(Boolean(options.json), async () => {
        if (options.batch !== undefined) {
          if (file !== undefined) throw usage(`give either a file or --batch <manifest>, not both (got ${file} and --batch ${options.batch})`);
          if (options.text || options.url !== undefined) throw usage('--batch prints one JSON line per page; --text and --url do not apply to it');
          return extractBatch(options.batch);
        }
        if (file === undefined) throw usage('give an HTML file to extract (or --batch <manifest>)');
        if (options.json && options.text) throw usage('--json and --text are two different outputs; give one of them');
        return extractOne(file, options);
      });
    });
}

const usage = (message: string) => new DatelineError('E_USAGE', `extract: ${message}`);

/** A page as `extract` reports it: the extractor's result, language filled by the detector. */
interface PageReport {
  page: ExtractedPage;
  /** Whether the language came from the detector rather than the page. */
  languageDetected: boolean;
  /** Seconds spent decoding and extracting. */
  sec: number;
  warnings: string[];
}

async function extractOne(file: string, options: ExtractCommandOptions): Promise<number> {
  const stages = await loadStages();
  const bytes = file === '-' ? await readStdin() : readPage(file);
  const report = extractPage(stages, bytes, file, options.url ?? null);
  for (const warning of report.warnings) process.stderr.write(`dateline: warning: ${file}: ${warning}\n`);
  const { page } = report;
  const text = page.paragraphs.join('\n\n');
  if (options.json) {
    printJson(page);
  } else if (options.text) {
    process.stdout.write(text + '\n');
  } else {
    const facts: Array<[string, string | null]> = [
      ['published', page.published],
      ['byline', page.byline],
      ['site', page.siteName],
      ['language', page.language && `${page.language}${report.languageDetected ? ' (detected)' : ''}`],
      ['canonical', page.canonicalUrl],
    ];
    const out = [bold(page.title ?? '(no title)')];
    for (const [label, value] of facts) if (value) out.push(`${dim(label.padEnd(10))}${value}`);
    process.stdout.write(`${out.join('\n')}\n\n${text}\n`);
  }
  return EXIT_OK;
}

/** One manifest line: an id and the page's path as listed (and as resolved). */
interface ManifestEntry {
  id: string;
  path: string;
}

/**
 * `--batch`: the manifest is read whole first, so a malformed line is bad usage (exit 2) before
 * any page is read; then each page is extracted and printed as it is done, and a bad page is a
 * line with its error, never the end of the batch (exit 1 at the end when any failed).
 */
async function extractBatch(manifest: string): Promise<number> {
  const entries = readManifest(manifest);
  const stages = await loadStages();
  const bar = await progressBar(entries.length);
  let failed = 0;
  for (const [i, entry] of entries.entries()) {
    let line;
    const timing = { sec: 0 };
    try {
      const report = extractPage(stages, readPage(entry.path), entry.path, null, timing);
      const { page } = report;
      line = {
        id: entry.id,
        text: page.paragraphs.join('\n\n'),
        title: page.title,
        published: page.published,
        byline: page.byline,
        language: page.language,
        sec: report.sec,
        error: null,
      };
    } catch (error) {
      failed++;
      // A bug in the extractor on one page is that page's error too: the batch goes on.
      const message = isDatelineError(error) ? error.message : `extract: ${entry.path}: the extractor failed (${error instanceof Error ? error.message : String(error)})`;
      line = { id: entry.id, text: null, title: null, published: null, byline: null, language: null, sec: timing.sec, error: message };
    }
    printJson(line);
    bar?.update(i + 1);
  }
  bar?.stop();
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}

/** Lines `id<TAB>path`; blank lines and `#` comments skipped; paths relative to the manifest's folder. */
function readManifest(manifest: string): ManifestEntry[] {
  let content: string;
  try {
    content = readFileSync(manifest, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read it (${(error as Error).message})`;
    throw new DatelineError('E_USAGE', `extract: manifest ${manifest}: ${why}`, { input: manifest, cause: error });
  }
  const base = dirname(manifest);
  const entries: ManifestEntry[] = [];
  const lineOf = new Map<string, number>();
  content.replace(/^\uFEFF/, '').split('\n').forEach((raw, index) => {
    const text = raw.replace(/\r$/, '');
    const line = index + 1;
    if (text.trim() === '' || text.trimStart().startsWith('#')) return;
    const malformed = (what: string) =>
      new DatelineError('E_USAGE', `extract: ${manifest}:${line}: ${what}; each line is id<TAB>path`, { input: manifest, line });
    const tab = text.indexOf('\t');
    if (tab === -1) throw malformed('no tab between the id and the path');
    const id = text.slice(0, tab).trim();
    const path = text.slice(tab + 1).trim();
    if (id === '') throw malformed('the id is empty');
    if (path === '') throw malformed('the path is empty');
    const first = lineOf.get(id);
    if (first !== undefined) throw malformed(`the id "${id}" is already used on line ${first}`);
    lineOf.set(id, line);
    entries.push({ id, path: isAbsolute(path) ? path : join(base, path) });
  });
  return entries;
}

/** The stages extract uses, loaded once (lazily, so other commands do not pay for them). */
async function loadStages() {
  const [formats, enrich] = await Promise.all([import('../formats/index.js'), import('../enrich/index.js')]);
  return { ...formats, ...enrich };
}

type Stages = Awaited<ReturnType<typeof loadStages>>;

/**
 * Decodes (BOM, then a declared charset, then detection) and extracts; `timing.sec` is the
 * seconds both took, set even when the page then fails for want of content.
 */
function extractPage(stages: Stages, bytes: Uint8Array, name: string, url: string | null, timing = { sec: 0 }): PageReport {
  const { decodeCapture, extractHtml, primaryLanguage, LANGUAGE_SAMPLE_CHARS, detectLanguage } = stages;
  const start = performance.now();
  let page: ExtractedPage;
  let warnings: string[];
  try {
    const { decoded, problems } = decodeCapture(bytes, { name });
    warnings = problems.map((p) => p.message);
    page = extractHtml(decoded.text, { url });
  } finally {
    timing.sec = Math.round((performance.now() - start) * 1000) / 1e6;
  }
  const { sec } = timing;
  if (!page.paragraphs.some((p) => /[\p{L}\p{N}]/u.test(p))) {
    throw new DatelineError('E_NO_ARTICLE', `extract: ${name}: no main content found (nothing but navigation and page furniture, or an empty page)`, {
      input: name,
    });
  }
  const own = primaryLanguage(page.language);
  // As ingest does: the body tells the language best, the title helps only a very short one.
  const body = page.paragraphs.join(' ').slice(0, LANGUAGE_SAMPLE_CHARS);
  const language = own ?? detectLanguage(body.length >= 40 || !page.title ? body : `${page.title} ${body}`);
  return { page: { ...page, language }, languageDetected: own === null && language !== null, sec, warnings };
}

/** A page's bytes; a missing, unreadable or oversized file is an error naming it. */
function readPage(path: string): Uint8Array {
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw new DatelineError('E_INPUT_UNREADABLE', `extract: ${path} is a folder, not a page`, { input: path });
    if (info.size > MAX_CAPTURE_BYTES) {
      throw new DatelineError('E_INPUT_TOO_LARGE', `extract: ${path} is ${formatSize(info.size)}, over the ${formatSize(MAX_CAPTURE_BYTES)} limit for one page`, {
        input: path,
      });
    }
    return readFileSync(path);
  } catch (error) {
    if (isDatelineError(error)) throw error;
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read it (${(error as Error).message})`;
    throw new DatelineError('E_INPUT_UNREADABLE', `extract: ${path}: ${why}`, { input: path, cause: error });
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A bar on stderr when it is a terminal: the JSON lines on stdout are for a program. */
async function progressBar(total: number): Promise<{ update(done: number): void; stop(): void } | null> {
  if (!process.stderr.isTTY || total < 2) return null;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: 'extract [{bar}] {value}/{total} pages', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
