// `dateline search`: ranked full-text search with our query language.
import type { Command } from 'commander';
import { bold, databasePath, dim, isTTY, printJson, run, wholeOption } from './output.js';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description(
      'search stored articles: terms, "phrases", "a b"~N, prefix*, AND OR NOT -, ( ), title: text: wire: source: place: ' +
        'lang: kind: ticker: site: url: story: published:>=DATE, published:[A TO B], published:>now-7d (docs/query.md)',
    )
    .argument('<query...>', 'the query (quote it in the shell)')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--limit <n>', 'how many hits', '10')
    .option('--all', 'every matching copy, not one hit per story')
    .option('--json', 'one JSON object per hit per line')
    .action(async (words: string[], options: { db?: string; limit: string; all?: boolean; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const limit = wholeOption('--limit', options.limit, 1, 10000);
        const [{ parseQuery }, { openStore }] = await Promise.all([import('../query/index.js'), import('../store/index.js')]);
        // The clock is read here, at the edge: `now` in published:>now-7d is the moment of the search.
        const query = parseQuery(words.join(' '), { now: new Date() });
        const store = await openStore(databasePath(options.db));
        try {
          const hits = await store.search(query, { limit, collapse: options.all ? 'none' : 'story' });
          if (json) {
            for (const hit of hits) printJson(hit);
          } else if (hits.length === 0) {
            process.stdout.write(`no articles match ${query.source}\n`);
          } else {
            hits.forEach((hit, i) => {
              const copies = !options.all && hit.storySize > 1 ? `${hit.storySize} copies (dateline story ${hit.storyId})` : null;
              const meta = [hit.published, hit.wire, hit.source, hit.id, copies].filter(Boolean).join(' · ');
              process.stdout.write(`${i + 1}. ${bold(hit.title ?? '(no headline)')}\n   ${dim(meta)}\n   ${highlight(hit.snippet)}\n\n`);
            });
          }
        } finally {
          await store.close();
        }
      });
    });
}

/** Snippets mark matches with [[ ]]; a terminal shows them bold. */
function highlight(snippet: string): string {
  const flat = snippet.replace(/\s+/g, ' ');
  return isTTY(process.stdout) ? flat.replace(/\[\[/g, '\x1b[1m').replace(/\]\]/g, '\x1b[22m') : flat;
}
