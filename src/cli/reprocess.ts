// `dateline reprocess`: rebuild every article from its stored capture.
import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_OK, databasePath, printJson, run } from './output.js';

export function registerReprocess(program: Command): void {
  program
    .command('reprocess')
    .description('rebuild every article from the stored captures (ids are kept)')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--json', 'print the summary as one JSON object')
    .action(async (options: { db?: string; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const [{ reprocess }, { openStore }] = await Promise.all([import('../ingest/index.js'), import('../store/index.js')]);
        const store = await openStore(databasePath(options.db));
        try {
          const summary = await reprocess(store);
          if (json) printJson(summary);
          else {
            process.stdout.write(`reprocessed ${summary.captures} captures into ${summary.articles} articles; ${summary.failed.length} failed\n`);
            for (const f of summary.failed) process.stdout.write(`  ${f.input}  ${f.code}  ${f.message}\n`);
          }
          return summary.failed.length > 0 ? EXIT_FAILED : EXIT_OK;
        } finally {
          await store.close();
        }
      });
    });
}
