// `dateline sources`: what the poller follows. add (a feed, a sitemap, or a page whose feed is
// found by autodiscovery), import and export OPML, list with how polling has gone, remove.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DatelineError } from '../core/index.js';
import type { Source, Store } from '../store/index.js';
import { bold, dim, printJson, run, withStore } from './output.js';

const KINDS = ['feed', 'sitemap', 'page'];

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('the feeds, sitemaps and pages `dateline poll` follows');
  const db = (command: Command) => command.option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)');

  db(
    sources
      .command('add')
      .description('follow a feed, a sitemap, or a page (its feed is found from <link rel="alternate">, else the page itself is polled)')
      .argument('<url>', 'http(s) URL')
      .option('--kind <kind>', `skip detection: ${KINDS.join(', ')}`)
      .option('--title <title>', 'a name for it')
      .option('--folder <path>', 'a folder, as OPML nests them ("News/Wires")')
      .option('--full-text', "fetch each item's page when the feed carries only a summary")
      .option('--allow-private <cidrs...>', 'let the fetcher reach these private ranges (tests, intranets); also DATELINE_ALLOW_PRIVATE')
      .option('--json', 'the source as JSON'),
  ).action(async (url: string, options: AddOptions) => {
    const json = Boolean(options.json);
    await run(json, () =>
      withStore(options.db, async (store) => {
        const { followSource, parseSourceKind } = await import('../ingest/follow.js');
        const kind = options.kind ? parseSourceKind(options.kind) : undefined;
        const { fetcherFor } = await import('./fetching.js');
        const fetcher = kind ? null : fetcherFor(options.allowPrivate);
        let followed;
        try {
          followed = await followSource(
            store,
            { url, ...(kind ? { kind } : {}), title: options.title ?? null, folder: options.folder ?? null, fullText: Boolean(options.fullText) },
            { fetcher, now: new Date() },
          );
        } finally {
          await fetcher?.close();
        }
        const { source, added } = followed;
        if (json) printJson({ added, source });
        else process.stdout.write(`${added ? 'added' : 'already followed'}: ${source.kind} ${source.url}${source.title ? ` (${source.title})` : ''}\n`);
      }),
    );
  });

  db(
    sources
      .command('import')
      .description('follow every feed of an OPML file')
      .argument('<opml>', 'OPML file')
      .option('--full-text', "for each feed: fetch each item's page when the feed carries only a summary")
      .option('--json', 'a summary as JSON'),
  ).action(
    async (file: string, options: { db?: string; fullText?: boolean; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, () =>
        withStore(options.db, async (store) => {
          const { parseOpml } = await import('../formats/opml.js');
          const parsed = parseOpml(readBytes(file), file);
          const now = new Date().toISOString();
          let added = 0;
          for (const feed of parsed.sources) {
            const result = await store.addSource(
              { url: feed.feedUrl, kind: 'feed', title: feed.title, siteUrl: feed.siteUrl, folder: feed.folder.join('/') || null, fullText: Boolean(options.fullText) },
              now,
            );
            if (result.added) added++;
          }
          const problems = parsed.problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
          if (json) printJson({ sources: parsed.sources.length, added, problems });
          else {
            process.stdout.write(`${parsed.sources.length} feeds in ${file}: ${added} added, ${parsed.sources.length - added} already followed\n`);
            for (const problem of problems) process.stderr.write(`  ${problem}\n`);
          }
        }),
      );
    },
  );

  db(sources.command('export').description('every followed feed as OPML 2.0, on standard output')).action(async (options: { db?: string }) => {
    await run(false, () =>
      withStore(options.db, async (store) => {
        const { exportOpml } = await import('../formats/opml.js');
        const feeds = (await store.listSources()).filter((source) => source.kind === 'feed');
        process.stdout.write(
          exportOpml(
            feeds.map((source) => ({ title: source.title ?? source.url, feedUrl: source.url, siteUrl: source.siteUrl, folder: source.folder ? source.folder.split('/') : [] })),
            { title: 'dateline sources' },
          ),
        );
      }),
    );
  });

  db(sources.command('list').description('followed sources and how polling them has gone').option('--json', 'one JSON object per source')).action(
    async (options: { db?: string; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, () =>
        withStore(options.db, async (store) => {
          const { itemsPerDay } = await import('../ingest/schedule.js');
          const now = new Date();
          const list = await store.listSources();
          if (json) {
            for (const source of list) printJson({ ...source, itemsPerDay: round(itemsPerDay(source.state, source.addedAt, now)) });
            return;
          }
          if (list.length === 0) process.stdout.write('no sources; add one with `dateline sources add <url>` or `dateline sources import <opml>`\n');
          for (const source of list) process.stdout.write(describe(source, round(itemsPerDay(source.state, source.addedAt, now))));
        }),
      );
    },
  );

  db(sources.command('remove').description('stop following a source (what it brought stays)').argument('<id-or-url>', 'as `sources list` shows it')).action(
    async (idOrUrl: string, options: { db?: string }) => {
      await run(false, () =>
        withStore(options.db, async (store) => {
          if (!(await store.removeSource(idOrUrl))) throw new DatelineError('E_NOT_FOUND', `sources: no source ${idOrUrl}`, { input: idOrUrl });
          process.stdout.write(`removed ${idOrUrl}\n`);
        }),
      );
    },
  );
}

interface AddOptions {
  db?: string;
  kind?: string;
  title?: string;
  folder?: string;
  fullText?: boolean;
  allowPrivate?: string[];
  json?: boolean;
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new DatelineError('E_INPUT_UNREADABLE', `sources: ${file}: cannot read (${(error as Error).message})`, { input: file, cause: error });
  }
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function describe(source: Source, perDay: number | null): string {
  const { state } = source;
  const status = state.lastError ? `error: ${state.lastError}` : state.lastStatus ? `HTTP ${state.lastStatus}` : 'not fetched yet';
  return [
    `${bold(source.title ?? source.url)} ${dim(`${source.kind} · ${source.id}`)}`,
    `  ${source.url}`,
    `  last fetch ${state.lastFetchAt ?? '-'} · ${status} · ${state.errorCount} error(s) · ${perDay ?? '-'} items/day · next ${state.nextPollAt}`,
  ].join('\n') + '\n';
}
