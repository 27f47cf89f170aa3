// `dateline ingest`: store captures and their articles, then account for every input.
import type { Command } from 'commander';
import type { IngestSummary } from '../ingest/index.js';
import { EXIT_FAILED, EXIT_OK, databasePath, printJson, run } from './output.js';
import { type ProgressMode, progressReporter } from './progress.js';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('store captures (files, folders, - for stdin) and the articles parsed from them')
    .argument('<inputs...>', 'files, folders or - for standard input')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--json', 'print the summary as one JSON object')
    .option('--progress <mode>', 'auto (a bar on a terminal), bar, lines or none', 'auto')
    .option('--no-workers', 'parse on the main thread only')
    .action(async (inputs: string[], options: { db?: string; json?: boolean; progress: ProgressMode; workers: boolean }) => {
      await run(Boolean(options.json), async () => {
        // The parse workers start loading first, while this thread loads the rest of dateline.
        const [{ expandInputs }, { ParsePool, wantsWorkers }] = await Promise.all([import('../ingest/inputs.js'), import('../ingest/pool.js')]);
        const expanded = await expandInputs(inputs);
        const pool = options.workers && wantsWorkers(expanded.files) ? new ParsePool() : null;
        const [{ ingest }, { openStore }] = await Promise.all([import('../ingest/index.js'), import('../store/index.js')]);
        const store = await openStore(databasePath(options.db));
        const progress = progressReporter(options.progress);
        let summary: IngestSummary;
        try {
          summary = await ingest(store, expanded, { onProgress: (p) => progress.update(p), workers: options.workers, pool });
        } finally {
          progress.stop();
          await pool?.close();
          await store.close();
        }
        if (options.json) printJson(summary);
        else printSummary(summary);
        return summary.failures.length > 0 ? EXIT_FAILED : EXIT_OK;
      });
    });
}

function printSummary(summary: IngestSummary): void {
  const c = summary.captures;
  const lines = [
    `ingested ${summary.inputs} input${summary.inputs === 1 ? '' : 's'}: ${c.new} new, ${c.duplicate} duplicate, ${c.resumed} resumed, ${c.failed} failed`,
    `articles: ${summary.articles.added} added, ${summary.articles.existing} already stored`,
  ];
  for (const d of summary.decoded) lines.push(`decoded ${d.input} as ${d.encoding} (by ${d.by})`);
  if (summary.warnings.length > 0) {
    lines.push(`warnings (${summary.warnings.length}, nothing lost):`);
    for (const w of summary.warnings.slice(0, 20)) lines.push(`  ${w.input}${w.line ? `:${w.line}` : ''}  ${w.message}`);
    if (summary.warnings.length > 20) lines.push(`  ... and ${summary.warnings.length - 20} more (use --json for all)`);
  }
  if (summary.failures.length > 0) {
    lines.push(`failures (${summary.failures.length}):`);
    for (const f of summary.failures.slice(0, 50)) {
      lines.push(`  ${f.input}${f.line ? `:${f.line}` : ''}  ${f.code}  ${f.message}`);
    }
    if (summary.failures.length > 50) lines.push(`  ... and ${summary.failures.length - 50} more (use --json for all)`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
