// Binds the API to a socket with @hono/node-server, with reader threads for its reads when the
// store is a file and parse workers for large posted captures. Listening, those threads, and
// stopping all of it cleanly are what this adds to createApp.
import type { AddressInfo } from 'node:net';
import { serve as listen } from '@hono/node-server';
import { DatelineError } from '../core/index.js';
import { ParsePool } from '../ingest/index.js';
import type { Store } from '../store/index.js';
import { type ServerOptions, createApp } from './app.js';
import { ReaderPool } from './readers/index.js';

export interface Listening {
  /** `http://host:port`, with the port the system chose when 0 was asked for. */
  url: string;
  port: number;
  /** Reader threads answering the read endpoints; 0 when `store` answers them on this thread. */
  readers: number;
  /** Stops taking connections and resolves when the open ones are done and the readers have stopped. */
  close(): Promise<void>;
}

export interface ServeOptions extends Omit<ServerOptions, 'reads' | 'parsers'> {
  host: string;
  port: number;
  /**
   * Reads in `count` threads, each with a read-only connection to `database`, the file `store`
   * has open. Without it, with count 0 or with `:memory:` (nothing another connection could
   * open), `store` answers reads on this thread.
   */
  readers?: { database: string; count: number };
}

/**
 * Serves the API for `store` on `host:port` (port 0: any free one).
 * @example const server = await serve(store, { host: '127.0.0.1', port: 0, readers: { database: 'dateline.db', count: 2 } }); await fetch(`${server.url}/healthz`);
 */
export async function serve(store: Store, options: ServeOptions): Promise<Listening> {
  const { database, count } = options.readers ?? { database: ':memory:', count: 0 };
  const readers = count > 0 && database !== ':memory:' ? await ReaderPool.open(database, count, options.log ? { log: options.log } : {}) : null;
  // Started by the first large capture posted; most servers never see one.
  let parsers: ParsePool | null = null;
  const closeWorkers = async () => {
    await Promise.all([readers?.close(), parsers?.close()]);
  };
  try {
    const app = createApp(store, { ...options, ...(readers ? { reads: readers } : {}), parsers: () => (parsers ??= new ParsePool()) });
    return await listenWith(app, options, readers?.size ?? 0, closeWorkers);
  } catch (error) {
    await closeWorkers();
    throw error;
  }
}

function listenWith(app: ReturnType<typeof createApp>, options: ServeOptions, readers: number, closeWorkers: () => Promise<void>): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = listen({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      server.removeAllListeners('error');
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        readers,
        close: async () => {
          try {
            await new Promise<void>((done, failed) => {
              server.close((error) => (error ? failed(error) : done()));
              // Keep-alive connections would hold close() open until they time out.
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            });
          } finally {
            // After the last response: a request still being answered keeps its workers.
            await closeWorkers();
          }
        },
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, options.host, options.port)));
  });
}

/** A port in use or not ours to take is the user's to change: said so, with no stack. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): DatelineError {
  const why = error.code === 'EADDRINUSE' ? 'is in use' : error.code === 'EACCES' ? 'needs privileges this process lacks' : `cannot be listened on (${error.message})`;
  return new DatelineError('E_USAGE', `serve: ${host}:${port} ${why}; choose another --port or --host`, { cause: error });
}
