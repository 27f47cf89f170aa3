// A small pool of parsing workers. Chunks go to whichever worker is free; callers await results
// in the order they submitted, so articles are written in capture order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Article, type ArticleDraft, DatelineError } from '../core/index.js';
import { type CaptureInput, articleUrlOf } from './assemble.js';
import type { DraftChunk } from './worker.js';

interface Job {
  chunk: DraftChunk;
  resolve: (articles: Article[]) => void;
  reject: (error: Error) => void;
}

type WorkerReply = { ok: true; articles: Article[] } | { ok: false; message: string };

/** Workers pay off only with enough drafts to amortise their start-up (about 100 ms each). */
export const PARALLEL_MIN_DRAFTS = 3000;

/**
 * Structuring allocates many short-lived strings; a young generation larger than V8's default
 * lets most of them die between scavenges instead of being copied (GC was a fifth of a worker's time).
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

/**
 * Jobs are posted at once to the worker with the fewest in flight, so a worker always has its
 * next piece queued in its own port: none of them waits while the main thread is busy in a
 * long synchronous database write (they did, a third of the time, when fed one job at a time).
 */
export class ParsePool {
  private readonly workers: Worker[] = [];
  /** Jobs in flight per worker, oldest first: a worker answers its messages in order. */
  private readonly inFlight = new Map<Worker, Job[]>();

  constructor(size = defaultPoolSize()) {
    // Under tsx (tests, eval) the sources are .ts; built, they are .js beside this file.
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const url = new URL(`./worker${ext}`, import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = ext === '.ts' ? tsWorker(url) : new Worker(url, WORKER_OPTIONS);
      worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
      worker.on('error', (error) => this.fail(worker, error));
      this.workers.push(worker);
      this.inFlight.set(worker, []);
    }
  }

  structure(chunk: DraftChunk): Promise<Article[]> {
    return new Promise((resolve, reject) => {
      let target = this.workers[0]!;
      for (const worker of this.workers) {
        if (this.inFlight.get(worker)!.length < this.inFlight.get(target)!.length) target = worker;
      }
      this.inFlight.get(target)!.push({ chunk, resolve, reject });
      target.postMessage(chunk);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const job = this.inFlight.get(worker)!.shift();
    if (!job) return;
    if (reply.ok) job.resolve(reply.articles);
    else job.reject(new DatelineError('E_INTERNAL', `ingest: a parsing worker failed: ${reply.message}`));
  }

  private fail(worker: Worker, error: Error): void {
    const jobs = this.inFlight.get(worker)!.splice(0);
    for (const job of jobs) {
      job.reject(new DatelineError('E_INTERNAL', `ingest: a parsing worker died: ${error.message}`, { cause: error }));
    }
  }
}

/** Drafts per message to a parse worker: small enough that the first results come back soon. */
export const WORKER_PIECE = 500;

/**
 * Hands a capture's drafts to the pool in pieces as they arrive (even while the capture is still
 * being parsed), and gives back the articles of any aligned range of them, in order.
 */
export class PieceFeeder {
  private readonly pieces: Array<Promise<Article[]>> = [];
  private buffer: ArticleDraft[] = [];

  constructor(
    private readonly pool: ParsePool,
    private readonly input: CaptureInput,
  ) {}

  static of(pool: ParsePool, input: CaptureInput, drafts: ArticleDraft[]): PieceFeeder {
    const feeder = new PieceFeeder(pool, input);
    for (const draft of drafts) feeder.add(draft);
    feeder.flush();
    return feeder;
  }

  add(draft: ArticleDraft): void {
    this.buffer.push(draft);
    if (this.buffer.length >= WORKER_PIECE) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const piece = this.pool.structure({
      captureId: this.input.capture.id,
      captureUrl: articleUrlOf(this.input.capture),
      observedAt: this.input.capture.fetchedAt,
      drafts: this.buffer,
    });
    piece.catch(() => undefined); // awaited later by articles(); never an unhandled rejection
    this.pieces.push(piece);
    this.buffer = [];
  }

  /** The articles of drafts [from, to); both multiples of WORKER_PIECE, or `to` the end. */
  async articles(from: number, to: number): Promise<Article[]> {
    const pieces = this.pieces.slice(Math.floor(from / WORKER_PIECE), Math.ceil(to / WORKER_PIECE));
    return (await Promise.all(pieces)).flat();
  }
}
