// A reader thread: opens the store read-only (WAL lets it read beside the main thread's writer,
// seeing what was committed before each read began) and answers read requests from the server.
import { parentPort, workerData } from 'node:worker_threads';
import { type Article, isDatelineError } from '../../core/index.js';
import { openStore, type Store } from '../../store/index.js';
import { EXPORT_PAGE, READ_CALLS, type ReadCall, type ReaderData, type ReaderReply, type ReaderRequest, type WireError } from './protocol.js';

const reply = (message: ReaderReply) => parentPort!.postMessage(message);
const { database } = workerData as ReaderData;

/** Open exports by stream id: each holds its place in the store between pages. */
const exports = new Map<number, AsyncIterator<Article>>();

function wireError(error: unknown): WireError {
  if (isDatelineError(error)) return { ...error.toJSON(), ...(error.stack ? { stack: error.stack } : {}) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'E_INTERNAL', message: `reader: ${message}`, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) };
}

async function call(store: Store, method: ReadCall, args: unknown[]): Promise<unknown> {
  // Only reads are answered here, whatever a message asks (the connection is read-only besides).
  if (!READ_CALLS.includes(method)) throw new Error(`${String(method)} is not a read`);
  return (store[method] as (...a: unknown[]) => Promise<unknown>)(...args);
}

async function page(store: Store, stream: number, request: Extract<ReaderRequest, { kind: 'page' }>): Promise<{ articles: Article[]; done: boolean }> {
  let iterator = exports.get(stream);
  if (!iterator) {
    iterator = store.articlesMatching(request.query)[Symbol.asyncIterator]();
    exports.set(stream, iterator);
  }
  const articles: Article[] = [];
  try {
    while (articles.length < EXPORT_PAGE) {
      const next = await iterator.next();
      if (next.done) {
        exports.delete(stream);
        return { articles, done: true };
      }
      articles.push(next.value);
    }
  } catch (error) {
    exports.delete(stream);
    throw error;
  }
  return { articles, done: false };
}

async function answer(store: Store, request: ReaderRequest): Promise<void> {
  if (request.kind === 'stop') {
    const iterator = exports.get(request.stream);
    exports.delete(request.stream);
    await iterator?.return?.();
    return;
  }
  try {
    const value = request.kind === 'call' ? await call(store, request.method, request.args) : await page(store, request.stream, request);
    reply({ kind: 'value', id: request.id, value });
  } catch (error) {
    reply({ kind: 'failed', id: request.id, error: wireError(error) });
  }
}

let store: Store;
try {
  store = await openStore(database, { readonly: true });
} catch (error) {
  reply({ kind: 'unusable', error: wireError(error) });
  process.exit(1);
}
// Requests sent while the store was opening wait in the port until this listener starts it.
parentPort!.on('message', (request: ReaderRequest) => void answer(store, request));
reply({ kind: 'ready' });
