// `dateline serve`: the HTTP API (src/server) on a port until SIGINT or SIGTERM. It binds to
// loopback unless told otherwise: writing needs a token, but reading is open by default.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { databasePath, printJson, run, wholeOption } from './output.js';

interface ServeOptions {
  port: string;
  host: string;
  db?: string;
  readTokenRequired?: boolean;
  maxBody: string;
  rateLimit: string;
  readers?: string;
  allowPrivate?: string[];
  json?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API: /api/search, /api/articles/:id, /api/stories/:id, /api/stats, /api/sources, /api/ingest, /api/export, /feeds/search.rss|atom|json (docs: /api/openapi.json)')
    .option('--port <n>', 'port to listen on (0: any free one)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--read-token-required', 'read endpoints need a token too (also DATELINE_READ_AUTH=1)')
    .option('--max-body <bytes>', 'refuse request bodies over this size with 413', String(10 * 1024 * 1024))
    .option('--rate-limit <n>', 'requests a second per token, or per address without one, with bursts of five times that (0: no limit)', '20')
    .option('--readers <n>', `threads that answer reads, each with its own read-only connection (0: the main thread answers them; default: one a core, here ${availableParallelism()}, or $DATELINE_READERS)`)
    .option('--allow-private <cidrs...>', 'let URL ingest reach these private ranges; also DATELINE_ALLOW_PRIVATE')
    .option('--json', 'print the address as JSON')
    .action(async (options: ServeOptions) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const port = wholeOption('--port', options.port, 0, 65535);
        const maxBodyBytes = wholeOption('--max-body', options.maxBody, 1, Number.MAX_SAFE_INTEGER);
        const perSecond = wholeOption('--rate-limit', options.rateLimit, 0, 1_000_000);
        const rateLimit = perSecond === 0 ? null : { perSecond, burst: perSecond * 5 };
        const readers = options.readers === undefined ? undefined : wholeOption('--readers', options.readers, 0, 256);
        const readAuth = Boolean(options.readTokenRequired) || process.env.DATELINE_READ_AUTH === '1';
        const [{ openStore }, { serve, defaultReaderCount }, { fetcherFor }] = await Promise.all([import('../store/index.js'), import('../server/index.js'), import('./fetching.js')]);
        const database = databasePath(options.db);
        const store = await openStore(database);
        const fetcher = fetcherFor(options.allowPrivate);
        try {
          const server = await serve(store, { host: options.host, port, readAuth, maxBodyBytes, rateLimit, fetcher, readers: { database, count: readers ?? defaultReaderCount() } });
          if (json) printJson({ url: server.url, readAuth, readers: server.readers });
          else process.stdout.write(`dateline serving ${server.url} (reads ${readAuth ? 'need a token' : 'open'}${server.readers > 0 ? ` in ${server.readers} reader threads` : ''}, writes need a token); Ctrl-C stops\n`);
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await server.close();
        } finally {
          await fetcher.close();
          await store.close();
        }
      });
    });
}
