// A small pool of parsing workers. Chunks go to whichever worker is free; callers await results
// in the order they submitted, so articles are written in capture order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Article, DatelineError } from '../core/index.js';
import type { DraftChunk } from './worker.js';

interface Job {
  chunk: DraftChunk;
  resolve: (articles: Article[]) => void;
  reject: (error: Error) => void;
}

type WorkerReply = { ok: true; articles: Article[] } | { ok: false; message: string };

/** Workers pay off only with enough drafts to amortise their start-up (about 100 ms each). */
export const PARALLEL_MIN_DRAFTS = 3000;

/** Under tsx (tests, bench) a worker must register tsx's loader in its own thread first. */
function tsWorker(url: URL): Worker {
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true });
}

export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly workers: Worker[] = [];

  constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
    // Under tsx (tests, eval) the sources are .ts; built, they are .js beside this file.
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const url = new URL(`./worker${ext}`, import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = ext === '.ts' ? tsWorker(url) : new Worker(url);
      worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
      worker.on('error', (error) => this.fail(worker, error));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  structure(chunk: DraftChunk): Promise<Article[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ chunk, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage(job.chunk);
    }
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    if (job) {
      if (reply.ok) job.resolve(reply.articles);
      else job.reject(new DatelineError('E_INTERNAL', `ingest: a parsing worker failed: ${reply.message}`));
    }
    this.pump();
  }

  private fail(worker: Worker, error: Error): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    job?.reject(new DatelineError('E_INTERNAL', `ingest: a parsing worker died: ${error.message}`, { cause: error }));
  }
}
