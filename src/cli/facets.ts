// `dateline facets`: what the articles matching a query are made of (wires, sources, places,
// languages) and when they ran (a histogram by day, week or month).
import type { Command } from 'commander';
import { DatelineError } from '../core/index.js';
import type { CountRow } from '../store/index.js';
import { bold, databasePath, printJson, run, wholeOption } from './output.js';

const INTERVALS = ['day', 'week', 'month'] as const;

export function registerFacets(program: Command): void {
  program
    .command('facets')
    .description('counts by wire, source, place and language, and a date histogram, for the articles a query matches')
    .argument('<query...>', 'the query (quote it in the shell; docs/query.md)')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--interval <unit>', 'histogram buckets: day, week (keyed by its Monday) or month', 'month')
    .option('--top <n>', 'rows per facet', '10')
    .option('--json', 'one JSON object')
    .action(async (words: string[], options: { db?: string; interval: string; top: string; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const interval = INTERVALS.find((unit) => unit === options.interval);
        if (!interval) throw new DatelineError('E_USAGE', `--interval must be day, week or month, not "${options.interval}"`);
        const top = wholeOption('--top', options.top, 1, 1000);
        const [{ parseQuery }, { openStore }] = await Promise.all([import('../query/index.js'), import('../store/index.js')]);
        const query = parseQuery(words.join(' '), { now: new Date() });
        const store = await openStore(databasePath(options.db));
        try {
          const facets = await store.facets(query, { interval, limit: top });
          if (json) {
            printJson(facets);
            return;
          }
          const out = [`${facets.total} articles match ${query.source}`];
          const table = (title: string, rows: CountRow[]) => {
            out.push('', bold(title));
            for (const row of rows) out.push(`  ${String(row.count).padStart(7)}  ${row.key ?? '(none)'}`);
          };
          table('by wire', facets.byWire);
          table('by source', facets.bySource);
          table('by place', facets.byPlace);
          table('by language', facets.byLanguage);
          const widest = Math.max(1, ...facets.histogram.map((bucket) => bucket.count));
          out.push('', bold(`by ${interval}`));
          for (const bucket of facets.histogram) {
            out.push(`  ${bucket.key.padEnd(10)} ${String(bucket.count).padStart(7)}  ${'#'.repeat(Math.max(1, Math.round((bucket.count / widest) * 40)))}`);
          }
          process.stdout.write(out.join('\n') + '\n');
        } finally {
          await store.close();
        }
      });
    });
}
