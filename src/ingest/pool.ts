// A small pool of parse workers. A large capture is handed to the least busy worker whole: it
// parses there and its articles come back a piece at a time, in order, while the main thread
// writes the pieces before them. Keeping the parse off the main thread matters: that thread's
// database writes are the slower half of an ingest.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Article, DatelineError, type ErrorCode } from '../core/index.js';
import type { CaptureInput } from './assemble.js';
import type { CaptureJob, ParseSession, ParseSummary, WorkerReply } from './session.js';

/** Articles per reply from a worker: small enough that the first writes start soon. */
export const WORKER_PIECE = 500;

/** Inputs from this size on are parsed in a worker: below it, start-up (about 0.1 s) costs more than it saves. */
export const WORKER_MIN_BYTES = 1024 * 1024;

/**
 * Structuring allocates many short-lived strings; a young generation larger than V8's default
 * lets most of them die between scavenges instead of being copied.
 */
const WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 48 } };

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

/** A capture in a worker: its summary, then one deferred per piece of articles. */
interface Job {
  summary: Deferred<ParseSummary>;
  pieces: Array<Deferred<Article[]>>;
  received: number;
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

  /** Parses and structures a capture in the least busy worker. */
  session(input: CaptureInput): ParseSession {
    const job: Job = { summary: deferred(), pieces: [], received: 0 };
    const worker = this.workers.reduce((a, b) => (this.jobs.get(b)!.length < this.jobs.get(a)!.length ? b : a));
    this.jobs.get(worker)!.push(job);
    const message: CaptureJob = { input, piece: WORKER_PIECE };
    worker.postMessage(message);
    return {
      summary: job.summary.promise,
      articles: async (from, to) => {
        await job.summary.promise;
        const pieces = job.pieces.slice(Math.floor(from / WORKER_PIECE), Math.ceil(to / WORKER_PIECE));
        return (await Promise.all(pieces.map((piece) => piece.promise))).flat();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private receive(worker: Worker, reply: WorkerReply): void {
    const queue = this.jobs.get(worker)!;
    const job = queue[0];
    if (!job) return;
    switch (reply.kind) {
      case 'parsed':
        job.pieces = Array.from({ length: Math.ceil(reply.summary.count / WORKER_PIECE) }, () => deferred<Article[]>());
        job.summary.resolve(reply.summary);
        break;
      case 'articles':
        job.pieces[job.received++]?.resolve(reply.articles);
        break;
      case 'failed':
        job.summary.reject(
          new DatelineError(reply.error.code as ErrorCode, reply.error.message, reply.error.line ? { line: reply.error.line } : {}),
        );
        break;
      case 'crashed':
        this.abandon(job, new DatelineError('E_INTERNAL', `ingest: a parse worker failed: ${reply.message}`));
        break;
    }
    const finished =
      reply.kind === 'failed' ||
      reply.kind === 'crashed' ||
      (reply.kind === 'parsed' && job.pieces.length === 0) ||
      (reply.kind === 'articles' && job.received >= job.pieces.length);
    if (finished) queue.shift();
  }

  private fail(worker: Worker, error: Error): void {
    const cause = new DatelineError('E_INTERNAL', `ingest: a parse worker died: ${error.message}`, { cause: error });
    for (const job of this.jobs.get(worker)!.splice(0)) this.abandon(job, cause);
    this.workers.splice(this.workers.indexOf(worker), 1);
  }

  private abandon(job: Job, error: Error): void {
    job.summary.reject(error);
    for (const piece of job.pieces.slice(job.received)) piece.reject(error);
  }
}
