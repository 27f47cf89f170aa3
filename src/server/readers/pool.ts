// A pool of reader threads, each with its own read-only connection to the store's file, so the
// API's reads run side by side, and beside the main thread's writes, instead of one after
// another on the main thread's one synchronous connection. Requests wait in one queue and go to
// the least busy reader with room; answers come back by structured clone.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Article, DatelineError, type Query } from '../../core/index.js';
import type { FacetOptions, Facets, SearchHit, SearchOptions, Stats } from '../../store/index.js';
import type { ExportPage, ReadCall, ReaderData, ReaderReply, ReaderRequest, StoreReads, WireError } from './protocol.js';

/** One reader a core, unless DATELINE_READERS says otherwise. */
export function defaultReaderCount(): number {
  const configured = Number(process.env.DATELINE_READERS);
  if (Number.isInteger(configured) && configured >= 0) return configured;
  return availableParallelism();
}

/**
 * Requests a reader holds at once. Past it they wait in the pool's queue for whichever reader
 * frees first, so one slow search delays only itself, not a line of requests behind it. (Two
 * measured the same on the API bench: the hop back for the next request costs nothing to see.)
 */
export const READER_IN_FLIGHT = 1;

export interface ReaderPoolOptions {
  /** Where a reader that stopped is reported (default: standard error). */
  log?: (message: string) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  /** Requests sent and not yet answered, by id: how busy it is. */
  pending: Map<number, Pending>;
  ready: boolean;
}

/**
 * Reads from `database` in worker threads. Every request settles: with the store's answer, with
 * the store's DatelineError, or with E_UNAVAILABLE when its reader stopped or the pool closed.
 * @example const readers = await ReaderPool.open('dateline.db', 2); const hits = await readers.search(query, { limit: 10 }); await readers.close();
 */
export class ReaderPool implements StoreReads {
  private readers: Reader[] = [];
  /** Requests no reader has room for yet, oldest first. */
  private readonly waiting: Array<{ request: (id: number) => ReaderRequest; settle: Pending }> = [];
  private lastId = 0;
  private closing = false;
  private readonly log: (message: string) => void;

  private constructor(
    private readonly database: string,
    options: ReaderPoolOptions,
  ) {
    this.log = options.log ?? ((message) => process.stderr.write(message + '\n'));
  }

  /** Starts `size` readers and resolves once each has opened the store; rejects (none left running) when one cannot. */
  static async open(database: string, size: number, options: ReaderPoolOptions = {}): Promise<ReaderPool> {
    if (!Number.isInteger(size) || size < 1) throw new DatelineError('E_USAGE', `readers: a pool needs at least one reader, not ${size}`);
    const pool = new ReaderPool(database, options);
    const started = Array.from({ length: size }, () => pool.start());
    try {
      await Promise.all(started);
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Readers running now (a stopped one is replaced). */
  get size(): number {
    return this.readers.length;
  }

  /** The reader threads running now: for a health check, or a test that stops one to see it replaced. */
  get threads(): readonly Worker[] {
    return this.readers.map((reader) => reader.worker);
  }

  search(query: Query, options: SearchOptions): Promise<SearchHit[]> {
    return this.call('search', [query, options]);
  }

  facets(query: Query, options?: FacetOptions): Promise<Facets> {
    return this.call('facets', [query, options]);
  }

  getArticle(id: string): Promise<Article | null> {
    return this.call('getArticle', [id]);
  }

  getStory(id: string): Promise<{ id: string; originalId: string; articles: Article[] } | null> {
    return this.call('getStory', [id]);
  }

  stats(): Promise<Stats> {
    return this.call('stats', []);
  }

  /** Every match, a page at a time from one reader, which keeps the export's place between pages. */
  async *articlesMatching(query: Query): AsyncIterable<Article> {
    // Pages skip the queue: the export's place is in this one reader.
    const reader = this.leastBusy(Number.POSITIVE_INFINITY);
    const stream = ++this.lastId;
    let done = false;
    try {
      while (!done) {
        const page = (await this.send(reader, (id) => ({ kind: 'page', id, stream, query }))) as ExportPage;
        done = page.done;
        yield* page.articles;
      }
    } finally {
      // Stopped early (the client went away): the reader lets go of the export.
      if (!done && reader && this.readers.includes(reader)) reader.worker.postMessage({ kind: 'stop', stream } satisfies ReaderRequest);
    }
  }

  /** Stops every reader; requests still waiting fail with E_UNAVAILABLE. */
  async close(): Promise<void> {
    this.closing = true;
    const readers = this.readers;
    this.readers = [];
    for (const { settle } of this.waiting.splice(0)) settle.reject(unavailable('server: the server is closing'));
    for (const reader of readers) abandon(reader, unavailable('server: the server is closing'));
    await Promise.all(readers.map((reader) => reader.worker.terminate()));
  }

  private call<M extends ReadCall>(method: M, args: Parameters<StoreReads[M]>): ReturnType<StoreReads[M]> {
    if (this.closing) return Promise.reject(unavailable('server: the server is closing')) as ReturnType<StoreReads[M]>;
    return new Promise<unknown>((resolve, reject) => {
      this.waiting.push({ request: (id) => ({ kind: 'call', id, method, args }), settle: { resolve, reject } });
      this.dispatch();
    }) as ReturnType<StoreReads[M]>;
  }

  /** Hands waiting requests to readers with room, least busy first. */
  private dispatch(): void {
    for (let reader = this.leastBusy(READER_IN_FLIGHT); reader && this.waiting.length > 0; reader = this.leastBusy(READER_IN_FLIGHT)) {
      const { request, settle } = this.waiting.shift()!;
      this.post(reader, request, settle);
    }
    // No reader running or starting: nothing would ever take them.
    if (this.readers.length === 0) for (const { settle } of this.waiting.splice(0)) settle.reject(unavailable('server: no reader is running; try again'));
  }

  /** Sends to this reader, whatever it holds (an export's next page). */
  private send(reader: Reader | null, request: (id: number) => ReaderRequest): Promise<unknown> {
    if (this.closing) return Promise.reject(unavailable('server: the server is closing'));
    if (!reader || !this.readers.includes(reader)) return Promise.reject(unavailable('server: the reader answering this request stopped; try again'));
    return new Promise((resolve, reject) => this.post(reader, request, { resolve, reject }));
  }

  private post(reader: Reader, request: (id: number) => ReaderRequest, settle: Pending): void {
    const id = ++this.lastId;
    reader.pending.set(id, settle);
    reader.worker.postMessage(request(id));
  }

  /** The ready reader holding the fewest requests, if one holds fewer than `room`. */
  private leastBusy(room: number): Reader | null {
    let best: Reader | null = null;
    for (const reader of this.readers) {
      if (reader.ready && reader.pending.size < room && (best === null || reader.pending.size < best.pending.size)) best = reader;
    }
    return best;
  }

  /** Starts a reader; resolves when it has opened the store, rejects when it could not. */
  private start(): Promise<void> {
    const worker = readerThread({ database: this.database });
    const reader: Reader = { worker, pending: new Map(), ready: false };
    this.readers.push(reader);
    let failure: Error | null = null;
    return new Promise((resolve, reject) => {
      worker.on('message', (reply: ReaderReply) => {
        switch (reply.kind) {
          case 'ready':
            reader.ready = true;
            resolve();
            this.dispatch();
            return;
          case 'unusable':
            failure = errorOf(reply.error);
            return;
          case 'value':
            reader.pending.get(reply.id)?.resolve(reply.value);
            reader.pending.delete(reply.id);
            this.dispatch();
            return;
          case 'failed':
            reader.pending.get(reply.id)?.reject(errorOf(reply.error));
            reader.pending.delete(reply.id);
            this.dispatch();
            return;
        }
      });
      worker.on('error', (error) => (failure = error));
      worker.on('exit', (code) => {
        const wasReady = reader.ready;
        this.readers = this.readers.filter((r) => r !== reader);
        const why = failure ? failure.message : `exit code ${code}`;
        abandon(reader, unavailable('server: the reader answering this request stopped; try again'));
        if (!wasReady) {
          // Whoever started it hears why; its successor would fail the same way, so there is none.
          reject(failure ?? new DatelineError('E_STORE', `readers: a reader stopped before it opened ${this.database} (${why})`));
        } else if (!this.closing) {
          this.log(`dateline serve: a reader thread stopped (${why}); starting another`);
          this.start().catch((error: Error) => this.log(`dateline serve: a new reader thread could not start (${error.message}); ${this.readers.length} left`));
        }
        // Requests still waiting go to the others (or, once it is ready, to the new one).
        this.dispatch();
      });
    });
  }
}

/** A reader thread: under tsx (tests) it loads the TypeScript sources, built it runs dist's JavaScript. */
function readerThread(data: ReaderData): Worker {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`./worker${ext}`, import.meta.url);
  if (ext === '.js') return new Worker(url, { workerData: data });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

function abandon(reader: Reader, error: DatelineError): void {
  for (const pending of reader.pending.values()) pending.reject(error);
  reader.pending.clear();
}

function unavailable(message: string): DatelineError {
  return new DatelineError('E_UNAVAILABLE', message);
}

/** A reader's error as the DatelineError it was, with the reader's stack for the log. */
function errorOf(wire: WireError): DatelineError {
  const { code, message, stack, ...details } = wire;
  const error = new DatelineError(code, message, details);
  if (stack) error.stack = stack;
  return error;
}
