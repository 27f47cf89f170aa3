// Ingest: read inputs, store each capture with its articles atomically, and account for every
// input in a summary. A large capture is written in chunks; its row records how many articles
// it should hold, so a run cut short is completed by running the same ingest again.
import { type ParsedCapture, isDatelineError, problemCode } from '../core/index.js';
import type { CaptureRecord, Store } from '../store/index.js';
import { type CaptureInput, articlesOf } from './assemble.js';
import { CaptureBatch } from './batch.js';
import { draftsOf } from './drafts.js';
import { type StoryDesk, storiesOf } from './stories.js';
import { type ExpandedInputs, type InputFile, expandInputs, readCapture } from './inputs.js';
import { ParsePool, WORKER_MIN_BYTES, wantsWorkers } from './pool.js';
import { type CaptureFormat, type ParseSummary, inlineSession } from './session.js';

/**
 * At most this many articles per transaction when a capture holds many: a crash loses at most
 * this many. The writer takes what the parser has ready (session.ts), so transactions are as
 * large as the parser runs ahead; their size barely changes the cost (500 to 5,000 measured
 * within 5% in CPU time for Reuters TRAIN with stories), while waiting for full chunks left the
 * last chunk to be written after parsing ended, with the parser idle.
 */
export const ARTICLE_CHUNK = 5000;

export interface IngestFailure {
  input: string;
  code: string;
  message: string;
  line?: number;
}

export interface IngestSummary {
  inputs: number;
  captures: { new: number; duplicate: number; resumed: number; failed: number };
  articles: { added: number; existing: number };
  /** Inputs that failed as a whole, and items inside an input that failed (a broken JSONL line). */
  failures: IngestFailure[];
  /** Things noticed that lost nothing: an unreadable date kept raw, an empty story skipped. */
  warnings: IngestFailure[];
  /** Inputs not read as plain UTF-8: which encoding was used, and what chose it. */
  decoded: Array<{ input: string; encoding: string; by: string }>;
}

export interface IngestProgress {
  /** 1-based index of the input being read, and how many there are. */
  input: number;
  inputs: number;
  name: string;
  /** Articles of this input written so far, and how many it holds (null until it is all parsed). */
  written: number;
  total: number | null;
  /** Articles added in the whole run so far. */
  added: number;
}

export interface IngestOptions {
  onProgress?: (progress: IngestProgress) => void;
  /** Parse large captures in worker threads (default true). */
  workers?: boolean;
  /** Workers to use, started by the caller (who closes them); else ingest starts its own. */
  pool?: ParsePool | null;
}

/** Ingests the files and folders named (or, from a caller that expanded them already, those). */
export async function ingest(store: Store, inputs: string[] | ExpandedInputs, options: IngestOptions = {}): Promise<IngestSummary> {
  const stories = storiesOf(store);
  const { files, missing } = Array.isArray(inputs) ? await expandInputs(inputs) : inputs;
  const summary = emptySummary(files.length + missing.length);
  summary.failures.push(...missing.map((error) => failureOf(error.input ?? '?', error)));
  summary.captures.failed += missing.length;
  let ownPool: ParsePool | null = null;
  const poolFor = () => (options.workers === false ? null : (options.pool ?? (ownPool ??= new ParsePool())));
  // Start the workers at once when some input will need them, so they load while it is read.
  if (wantsWorkers(files)) poolFor();
  const run: IngestRun = { store, summary, poolFor, batch: new CaptureBatch(store, summary), stories, chunk: ARTICLE_CHUNK };
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const report = (written: number, total: number | null) =>
        options.onProgress?.({ input: i + 1, inputs: files.length, name: file.name, written, total, added: summary.articles.added });
      await ingestOne(run, file, report);
    }
    await run.batch.flush();
  } finally {
    await (ownPool as ParsePool | null)?.close();
  }
  return summary;
}

/** What every capture of one ingest is written with. */
interface IngestRun {
  store: Store;
  summary: IngestSummary;
  /** Workers for a large capture, or null to parse it on this thread. */
  poolFor: () => ParsePool | null;
  /** Small captures waiting to be written together. */
  batch: CaptureBatch;
  stories: StoryDesk;
  /** At most this many articles a transaction. */
  chunk: number;
}

type Report = (written: number, total: number | null) => void;

async function ingestOne(run: IngestRun, file: InputFile, report: Report): Promise<void> {
  let input: CaptureInput;
  try {
    const read = await readCapture(file);
    input = { ...read, name: file.name };
  } catch (error) {
    run.summary.captures.failed++;
    run.summary.failures.push(failureOf(file.name, error));
    return;
  }
  await ingestRead(run, input, report);
}

export interface CaptureIngestOptions {
  /**
   * Workers for a capture large enough to parse off this thread (asked only for one), which
   * the caller owns; without them, or when it returns null, the capture is parsed here.
   */
  parsers?: () => ParsePool | null;
  /**
   * At most this many articles a transaction (default ARTICLE_CHUNK). A server answers other
   * requests only between transactions, so it keeps them short.
   */
  chunk?: number;
}

/**
 * Ingests one capture already in memory (a request body, a fetched page), as `ingest` does a
 * file: parsed (on this thread unless `parsers` are given), stored with its articles, each
 * article put in a story.
 * @example const summary = await ingestCapture(store, { ...captureFromBytes(bytes, origin), name: 'request' });
 */
export async function ingestCapture(store: Store, input: CaptureInput, options: CaptureIngestOptions = {}): Promise<IngestSummary> {
  const summary = emptySummary(1);
  const batch = new CaptureBatch(store, summary);
  const run = { store, summary, poolFor: options.parsers ?? (() => null), batch, stories: storiesOf(store), chunk: options.chunk ?? ARTICLE_CHUNK };
  await ingestRead(run, input, () => {});
  await batch.flush();
  return summary;
}

function emptySummary(inputs: number): IngestSummary {
  return { inputs, captures: { new: 0, duplicate: 0, resumed: 0, failed: 0 }, articles: { added: 0, existing: 0 }, failures: [], warnings: [], decoded: [] };
}

async function ingestRead(run: IngestRun, input: CaptureInput, report: Report): Promise<void> {
  const { store, summary, poolFor, batch, stories, chunk } = run;
  const state = await store.captureState(input.capture.id);
  if (state && state.complete) {
    summary.captures.duplicate++;
    if (state.error) {
      // Stored before and failed then: still not ingested, so the run must say so.
      summary.failures.push({ input: input.name, code: state.error.code, message: `${state.error.message} (stored earlier; run \`dateline reprocess\` after an upgrade)` });
    }
    report(state.storedArticles, state.expectedArticles);
    return;
  }

  const pool = input.bytes.byteLength >= WORKER_MIN_BYTES ? poolFor() : null;
  if (!pool?.alive && !state) {
    // A small input is parsed here and queued, to be written with others in one transaction.
    await batch.add(smallCapture(input, summary, report));
    return;
  }
  // Earlier small inputs go first, so captures are stored in the order they were given.
  await batch.flush();
  // A large input is parsed and structured in a worker, so the main thread only writes, and it
  // starts writing while the rest of the input is still being parsed.
  const session = pool?.alive ? pool.session(input, (articles, prints) => stories.remember(articles, prints)) : inlineSession(input);
  let written = 0;
  let stored = state !== null;
  try {
    const found = await session.started;
    // The bytes are stored as soon as the format is known, while the first articles are still
    // being made. The total is stated once parsing ends; until then a crash leaves the capture
    // incomplete, for a rerun to finish.
    if (!stored) await store.writeCapture(recordOf(input, found, null, null), []);
    stored = true;
    for (;;) {
      const articles = await session.next(chunk);
      if (articles.length === 0) break;
      const added = await store.appendArticles(input.capture.id, articles);
      summary.articles.added += added;
      summary.articles.existing += articles.length - added;
      written += articles.length;
      report(written, null);
      // Pieces parsed ahead are taken without a turn of the event loop: one between transactions
      // lets a server answer its other requests while a large capture is written.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const parsed = await session.summary;
    await store.appendArticles(input.capture.id, [], parsed.count);
    report(written, parsed.count);
    noteParse(summary, input.name, parsed);
  } catch (error) {
    const failure = failureOf(input.name, error);
    // Kept with its error: the bytes are never dropped, and `reprocess` retries them later.
    // A capture that failed after some of its articles were written stays incomplete for a
    // rerun to finish; one that failed before any has its error recorded.
    if (!stored) await store.writeCapture(recordOf(input, null, failure, 0), []);
    else if (!state && written === 0) await store.replaceArticles(input.capture.id, [], { code: failure.code, message: failure.message });
    summary.captures.failed++;
    summary.failures.push(failure);
    return;
  }
  if (state) summary.captures.resumed++;
  else summary.captures.new++;
}

/** A small capture parsed and structured on this thread, ready for the batch. */
function smallCapture(input: CaptureInput, summary: IngestSummary, report: (written: number, total: number) => void) {
  let parsed: ParsedCapture;
  try {
    parsed = draftsOf(input);
  } catch (error) {
    // Kept with its error: the bytes are never dropped, and `reprocess` retries them later.
    const failure = failureOf(input.name, error);
    return { record: recordOf(input, null, failure, 0), articles: [], name: input.name, failure, report };
  }
  noteParse(summary, input.name, parsed);
  const articles = articlesOf(input, parsed);
  return { record: recordOf(input, parsed, null, articles.length), articles, name: input.name, failure: null, report };
}

/** Records how an input was decoded and the problems found inside it. */
function noteParse(summary: IngestSummary, name: string, parsed: ParseSummary | ParsedCapture): void {
  // A page that declares UTF-8 (most HTML does) was read as plain UTF-8: nothing to report.
  if (parsed.encoding !== 'utf-8' || parsed.decodedBy === 'detection') summary.decoded.push({ input: name, encoding: parsed.encoding, by: parsed.decodedBy });
  for (const problem of parsed.problems) {
    const entry = { input: name, code: problemCode(parsed.format), message: problem.message, ...(problem.line ? { line: problem.line } : {}) };
    (problem.severity === 'warning' ? summary.warnings : summary.failures).push(entry);
  }
}

export function recordOf(input: CaptureInput, found: CaptureFormat | null, failure: IngestFailure | null, expected: number | null): CaptureRecord {
  return {
    capture: input.capture,
    bytes: input.bytes,
    format: found?.format ?? null,
    encoding: found ? `${found.encoding} (${found.decodedBy})` : null,
    error: failure ? { code: failure.code, message: failure.message } : null,
    expectedArticles: expected,
  };
}

export function failureOf(input: string, error: unknown): IngestFailure {
  if (isDatelineError(error)) {
    return { input, code: error.code, message: error.message, ...(error.line ? { line: error.line } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { input, code: 'E_INTERNAL', message: `${input}: ${message}` };
}

