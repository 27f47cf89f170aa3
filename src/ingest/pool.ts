// A small pool of parse workers. A large capture is handed to the least busy worker whole: it is
// parsed there, and its articles come back a piece at a time, in order, while parsing goes on
// and while the main thread writes the pieces before them. The main thread's database writes
// are the slower half of an ingest, so it does nothing else.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DatelineError, type ErrorCode } from '../core/index.js';
import type { ArticleRow } from '../store/index.js';
import type { CaptureInput } from './assemble.js';
import type { CaptureFormat, CaptureJob, FingerprintSink, ParseSession, ParseSummary, WorkerReply } from './session.js';

/** Articles per reply from a worker: small enough that the first writes start soon. */
export const WORKER_PIECE = 500;

/** Inputs from this size on are parsed in a worker: below it, start-up (about 0.1 s) costs more than it saves. */
export const WORKER_MIN_BYTES = 1024 * 1024;

/**
 * Structuring allocates many short-lived strings; a young generation larger than V8's default
 * lets most of them die between scavenges instead of being copied.
 */
const WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 48 } };

/**
 * Whether any of these inputs is known to be large enough to be parsed in a worker (standard
 * input's size is known only once read; ingest starts the workers then, if it needs them).
 */
export function wantsWorkers(files: ReadonlyArray<{ size: number | null }>): boolean {
  return files.some((f) => (f.size ?? 0) >= WORKER_MIN_BYTES);
}

/** DATELINE_WORKERS, else one fewer than the cores (the main thread writes), at least one. */
export function defaultPoolSize(): number {
  const configured = Number(process.env.DATELINE_WORKERS);
  if (Number.isInteger(configured) && configured > 0) return configured;
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** Under tsx (tests, bench) a worker must register tsx's loader in its own thread first. */
function tsWorker(url: URL): Worker {
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...WORKER_OPTIONS, eval: true });
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // awaited by the session's user; never an unhandled rejection
  return { promise, resolve, reject };
}

/** A capture in a worker: pieces of articles queue here until the writer takes them. */
interface Job {
  started: Deferred<CaptureFormat>;
  summary: Deferred<ParseSummary>;
  pieces: ArticleRow[][];
  done: boolean;
  error: Error | null;
  /** Wakes a writer waiting for more pieces. */
  wake: (() => void) | null;
  prints: FingerprintSink | null;
}

export class ParsePool {
  private readonly workers: Worker[] = [];
  /** Jobs per worker, oldest first: a worker finishes one capture before it reads the next. */
  private readonly jobs = new Map<Worker, Job[]>();

  constructor(size = defaultPoolSize()) {
    // Under tsx (tests, eval) the sources are .ts; built, they are .js beside this file.
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const url = new URL(`./worker${ext}`, import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = ext === '.ts' ? tsWorker(url) : new Worker(url, WORKER_OPTIONS);
      worker.on('message', (reply: WorkerReply) => this.receive(worker, reply));
      worker.on('error', (error) => this.fail(worker, error));
      this.workers.push(worker);
      this.jobs.set(worker, []);
    }
  }

  /** False once every worker has died (say, it could not load): callers then parse inline. */
  get alive(): boolean {
    return this.workers.length > 0;
  }

  /**
   * Parses and structures a capture in the least busy worker; with `prints`, the worker also
   * fingerprints each article for stories and the sink hears of them before the articles are taken.
   */
  session(input: CaptureInput, prints: FingerprintSink | null = null): ParseSession<ArticleRow> {
    const job: Job = { started: deferred(), summary: deferred(), pieces: [], done: false, error: null, wake: null, prints };
    const worker = this.workers.reduce((a, b) => (this.jobs.get(b)!.length < this.jobs.get(a)!.length ? b : a));
    this.jobs.get(worker)!.push(job);
    const message: CaptureJob = { input, piece: WORKER_PIECE, fingerprints: prints !== null };
    worker.postMessage(message);
    return { started: job.started.promise, summary: job.summary.promise, next: (max) => take(job, max) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private receive(worker: Worker, reply: WorkerReply): void {
    const queue = this.jobs.get(worker)!;
    const job = queue[0];
    if (!job) return;
    switch (reply.kind) {
      case 'started':
        job.started.resolve(reply.found);
        return;
      case 'articles':
        if (reply.prints) job.prints?.(reply.rows, reply.prints);
        job.pieces.push(reply.rows);
        break;
      case 'parsed':
        job.summary.resolve(reply.summary);
        job.done = true;
        queue.shift();
        break;
      case 'failed':
        queue.shift();
        this.abandon(job, new DatelineError(reply.error.code as ErrorCode, reply.error.message, reply.error.line ? { line: reply.error.line } : {}));
        break;
      case 'crashed':
        queue.shift();
        this.abandon(job, new DatelineError('E_INTERNAL', `ingest: a parse worker failed: ${reply.message}`));
        break;
    }
    job.wake?.();
  }

  private fail(worker: Worker, error: Error): void {
    const cause = new DatelineError('E_INTERNAL', `ingest: a parse worker died: ${error.message}`, { cause: error });
    for (const job of this.jobs.get(worker)!.splice(0)) this.abandon(job, cause);
    this.workers.splice(this.workers.indexOf(worker), 1);
  }

  private abandon(job: Job, error: Error): void {
    job.started.reject(error);
    job.summary.reject(error);
    job.error = error;
    job.done = true;
    job.wake?.();
  }
}

/** Up to `max` of a job's next articles in order: the pieces that are ready, waiting while none is. */
async function take(job: Job, max: number): Promise<ArticleRow[]> {
  const out: ArticleRow[] = [];
  for (;;) {
    while (out.length < max && job.pieces.length > 0) {
      const piece = job.pieces[0]!;
      const count = Math.min(max - out.length, piece.length);
      for (let i = 0; i < count; i++) out.push(piece[i]!);
      if (count === piece.length) job.pieces.shift();
      else job.pieces[0] = piece.slice(count);
    }
    if (out.length > 0 || job.done) {
      // Articles made before a failure are still handed over; the failure comes on the next call.
      if (out.length === 0 && job.error) throw job.error;
      return out;
    }
    await new Promise<void>((resolve) => (job.wake = resolve));
    job.wake = null;
  }
}
