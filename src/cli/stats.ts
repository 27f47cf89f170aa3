// `dateline stats`: what the database holds, by wire, source, language and month.
import type { Command } from 'commander';
import type { CountRow } from '../store/index.js';
import { bold, databasePath, printJson, run } from './output.js';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('counts of captures and articles, by wire, source, language and month')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--top <n>', 'rows per table', '10')
    .option('--json', 'all counts as one JSON object')
    .action(async (options: { db?: string; json?: boolean; top: string }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const { openStore } = await import('../store/index.js');
        const store = await openStore(databasePath(options.db));
        try {
          const stats = await store.stats();
          if (json) {
            printJson(stats);
            return;
          }
          const top = Math.max(1, Number(options.top) || 10);
          const out = [`${stats.articles} articles from ${stats.captures} captures (${stats.failedCaptures} failed to parse)`];
          out.push(`${stats.stories} stories (copies of one text grouped: \`dateline stories\`)`);
          if (stats.articlesWithoutStory > 0) out.push(`${stats.articlesWithoutStory} articles not yet in a story: run \`dateline restory\``);
          const table = (title: string, rows: CountRow[]) => {
            out.push('', bold(title));
            for (const row of rows.slice(0, top)) out.push(`  ${String(row.count).padStart(7)}  ${row.key ?? '(none)'}`);
            if (rows.length > top) out.push(`  ... ${rows.length - top} more`);
          };
          table('by wire', stats.byWire);
          table('by source', stats.bySource);
          table('by language', stats.byLanguage);
          table('by month', stats.byMonth);
          process.stdout.write(out.join('\n') + '\n');
        } finally {
          await store.close();
        }
      });
    });
}
