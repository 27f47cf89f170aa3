// `dateline stories`, `dateline story <id>` and `dateline restory`: syndicated copies grouped
// into stories, each with its original and the timeline of who picked it up.
import type { Command } from 'commander';
import { DatelineError } from '../core/index.js';
import { csvRow } from '../formats/out/csv.js';
import { EXIT_OK, bold, databasePath, dim, printJson, run, wholeOption } from './output.js';

export function registerStories(program: Command): void {
  program
    .command('stories')
    .description('list stories (syndicated copies grouped), largest first; singletons included')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--since <when>', 'only stories with a copy published since: YYYY-MM-DD, an ISO 8601 time, or 7d / 24h / now-2w')
    .option('--recent', 'latest copy first, rather than largest first')
    .option('--limit <n>', 'at most this many stories (default: every one)')
    .option('--json', 'one JSON object per story per line')
    .action(async (options: { db?: string; since?: string; recent?: boolean; limit?: string; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const limit = options.limit === undefined ? undefined : wholeOption('--limit', options.limit, 1, Number.MAX_SAFE_INTEGER);
        const since = options.since === undefined ? undefined : await sinceOf(options.since);
        const { openStore } = await import('../store/index.js');
        const store = await openStore(databasePath(options.db));
        try {
          let shown = 0;
          for await (const story of store.listStories({ order: options.recent ? 'recent' : 'size', since, limit })) {
            shown++;
            if (json) {
              printJson({ id: story.id, original: story.originalId, size: story.size, latest: story.latest, articles: story.articles });
              continue;
            }
            const original = story.articles.find((article) => article.id === story.originalId);
            const copies = story.size === 1 ? '1 article' : `${story.size} copies`;
            process.stdout.write(`${bold(story.id)}  ${copies}  ${dim(`latest ${story.latest ?? 'unknown'}`)}\n`);
            process.stdout.write(`   original ${story.originalId}${original?.url ? `  ${original.url}` : ''}\n`);
          }
          if (!json && shown === 0) process.stdout.write('no stories yet (ingest something, or run `dateline restory` on an older database)\n');
        } finally {
          await store.close();
        }
      });
    });

  program
    .command('story')
    .description('a story: its original and the pickup timeline (site, delay, how the text differs)')
    .argument('<id>', 'a story id (from `dateline stories` or a search hit)')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--json', 'the story as one JSON object')
    .option('--csv', 'the pickup report as CSV, one row per copy')
    .action(async (id: string, options: { db?: string; json?: boolean; csv?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        if (json && options.csv) throw new DatelineError('E_USAGE', 'choose one of --json and --csv');
        const [{ openStore }, { timeline, describeDifference, formatDelay }] = await Promise.all([
          import('../store/index.js'),
          import('../stories/index.js'),
        ]);
        const store = await openStore(databasePath(options.db));
        try {
          const story = await store.getStory(id);
          if (!story) throw new DatelineError('E_NOT_FOUND', `no story ${id} (list them with \`dateline stories\`)`, { input: id });
          const pickups = timeline(story.articles, story.originalId);
          if (json) {
            printJson({ id: story.id, original: story.originalId, size: story.articles.length, pickups });
          } else if (options.csv) {
            process.stdout.write(csvRow(['position', 'article', 'site', 'source', 'published', 'delay_seconds', 'delay', 'title', 'url', 'paragraphs_kept', 'paragraphs_edited', 'paragraphs_removed', 'paragraphs_added']));
            pickups.forEach((p, i) => {
              const d = p.difference;
              process.stdout.write(
                csvRow([i === 0 ? 'original' : String(i), p.articleId, p.site, p.source, p.published, p.delaySeconds, formatDelay(p.delaySeconds).replace(/^\+/, ''), p.title, p.url, d.kept, d.edited, d.removed, d.added]),
              );
            });
          } else {
            const [original, ...copies] = pickups;
            process.stdout.write(`${bold(original?.title ?? '(no headline)')}\n${dim(`story ${story.id} · ${pickups.length === 1 ? '1 article' : `${pickups.length} copies`}`)}\n\n`);
            for (const p of pickups) {
              const when = p.published ?? 'time unknown';
              const delay = p.original ? 'original' : formatDelay(p.delaySeconds) || 'delay unknown';
              const text = p.original ? '' : `  ${dim(describeDifference(p.difference))}`;
              process.stdout.write(`${p.original ? '*' : ' '} ${when}  ${delay.padEnd(10)} ${p.site ?? '(unknown site)'}  ${p.articleId}${text}\n`);
              if (!p.original && p.title && p.title !== original?.title) process.stdout.write(`    "${p.title}"\n`);
            }
            if (copies.length === 0) process.stdout.write(dim('\nno copies found yet\n'));
          }
          return EXIT_OK;
        } finally {
          await store.close();
        }
      });
    });

  program
    .command('restory')
    .description('recompute every story from scratch, in the order articles were first stored')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--json', 'print the summary as one JSON object')
    .action(async (options: { db?: string; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const [{ restory }, { openStore }] = await Promise.all([import('../ingest/index.js'), import('../store/index.js')]);
        const store = await openStore(databasePath(options.db));
        try {
          const summary = await restory(store);
          if (json) printJson(summary);
          else process.stdout.write(`placed ${summary.articles} articles in ${summary.stories} stories\n`);
        } finally {
          await store.close();
        }
      });
    });
}

/** `--since` as an ISO time: a day, a time, `now-7d`, or the shorthand `7d`. */
async function sinceOf(text: string): Promise<string> {
  const { readBound } = await import('../query/dates.js');
  const bound = readBound(/^\d+[hdwmy]$/.test(text) ? `now-${text}` : text, () => new Date());
  if ('problem' in bound) {
    throw new DatelineError('E_USAGE', `--since ${text}: give a day (2024-05-01), an ISO 8601 time, now-7d, or 7d (units h d w m y)`);
  }
  return bound.kind === 'date' ? `${bound.date}T00:00:00Z` : bound.instant;
}
