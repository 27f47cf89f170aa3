// `dateline sources`: what the poller follows. add (a feed, a sitemap, or a page whose feed is
// found by autodiscovery), import and export OPML, list with how polling has gone, remove.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DatelineError } from '../core/index.js';
import type { NewSource, Source, SourceKind, Store } from '../store/index.js';
import { bold, databasePath, dim, printJson, run } from './output.js';

const KINDS: readonly SourceKind[] = ['feed', 'sitemap', 'page'];

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
        const found = options.kind ? { kind: parseKind(options.kind), url, title: null, siteUrl: null } : await detect(url, options.allowPrivate);
        const { source, added } = await store.addSource(
          { url: found.url, kind: found.kind, title: options.title ?? found.title, siteUrl: found.siteUrl, folder: options.folder ?? null, fullText: Boolean(options.fullText) },
          new Date().toISOString(),
        );
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

async function withStore(path: string | undefined, body: (store: Store) => Promise<void>): Promise<void> {
  const { openStore } = await import('../store/index.js');
  const store = await openStore(databasePath(path));
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

function parseKind(kind: string): SourceKind {
  if ((KINDS as readonly string[]).includes(kind)) return kind as SourceKind;
  throw new DatelineError('E_USAGE', `sources: --kind must be one of ${KINDS.join(', ')}, not "${kind}"`, { input: kind });
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new DatelineError('E_INPUT_UNREADABLE', `sources: ${file}: cannot read (${(error as Error).message})`, { input: file, cause: error });
  }
}

type Detected = Required<Pick<NewSource, 'url' | 'kind'>> & { title: string | null; siteUrl: string | null };

/**
 * What a URL is, by fetching it: a feed or a sitemap is followed as it is; a page is followed
 * through the first feed it declares that really is one, else as a page.
 */
async function detect(url: string, allowPrivate: string[] | undefined): Promise<Detected> {
  const { fetcherFor } = await import('./fetching.js');
  const { decodeText, sniffFormat } = await import('../formats/index.js');
  const fetcher = fetcherFor(allowPrivate);
  try {
    const kindOf = async (target: string) => {
      const fetched = await fetcher.fetch(target);
      const text = decodeText(fetched.body ?? new Uint8Array(), { contentType: fetched.contentType, name: target }).text;
      const head = text.slice(0, 4096);
      const kind: SourceKind | null = /<(?:urlset|sitemapindex)\b/i.test(head) ? 'sitemap' : sniffFormat(text, { name: target, contentType: fetched.contentType }) === 'feed' ? 'feed' : null;
      return { kind, text, finalUrl: fetched.finalUrl };
    };
    const first = await kindOf(url);
    if (first.kind) return { url: first.finalUrl, kind: first.kind, title: null, siteUrl: null };
    const { discoverFeeds } = await import('../formats/html/discover.js');
    for (const candidate of discoverFeeds(first.text, first.finalUrl).filter((feed) => feed.how === 'link')) {
      const tried = await kindOf(candidate.url).catch(() => null);
      if (tried?.kind === 'feed') return { url: tried.finalUrl, kind: 'feed', title: candidate.title, siteUrl: first.finalUrl };
    }
    return { url: first.finalUrl, kind: 'page', title: null, siteUrl: null };
  } finally {
    await fetcher.close();
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
