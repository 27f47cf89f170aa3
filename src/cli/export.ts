// `dateline export`: every article a query matches, as JSON lines, CSV or ninjs (one IPTC ninjs
// 2.0 object a line), streamed a page at a time so memory stays flat however many match. With
// --out the file appears whole or not at all (written beside it, then renamed).
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { type Article, DatelineError } from '../core/index.js';
import { ARTICLE_CSV_COLUMNS, articleCsvRow, csvRow } from '../formats/out/csv.js';
import { articleToNinjs } from '../formats/out/ninjs.js';
import { databasePath, printJson, run } from './output.js';

const FORMATS = {
  jsonl: { header: null, line: (article: Article) => `${JSON.stringify(article)}\n` },
  csv: { header: csvRow([...ARTICLE_CSV_COLUMNS]), line: articleCsvRow },
  ninjs: { header: null, line: (article: Article) => `${JSON.stringify(articleToNinjs(article))}\n` },
} as const;

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every article a query matches as JSON lines, CSV or ninjs 2.0 (one object a line), oldest stored first')
    .requiredOption('--query <q>', 'the query (docs/query.md)')
    .option('--format <f>', 'jsonl, csv or ninjs', 'jsonl')
    .option('--out <file>', 'write to this file (whole or not at all) rather than standard output')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--json', 'errors as JSON')
    .action(async (options: { query: string; format: string; out?: string; db?: string; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const format = FORMATS[options.format as keyof typeof FORMATS];
        if (!format) throw new DatelineError('E_USAGE', `--format must be jsonl, csv or ninjs, not "${options.format}"`);
        const [{ parseQuery }, { openStore }] = await Promise.all([import('../query/index.js'), import('../store/index.js')]);
        const query = parseQuery(options.query, { now: new Date() });
        const store = await openStore(databasePath(options.db));
        const partial = options.out ? `${options.out}.partial` : null;
        const out: Writable = partial ? createWriteStream(partial) : process.stdout;
        let count = 0;
        try {
          if (format.header) await write(out, format.header);
          for await (const article of store.articlesMatching(query)) {
            await write(out, format.line(article));
            count++;
          }
          if (partial) {
            await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
            await rename(partial, options.out!);
            process.stderr.write(`exported ${count} articles to ${options.out}\n`);
          }
        } catch (error) {
          if (partial) {
            out.destroy();
            await rm(partial, { force: true });
          }
          throw error;
        } finally {
          await store.close();
        }
        if (json && partial) printJson({ exported: count, out: options.out });
      });
    });
}

/** Writes and waits when the stream asks to (backpressure), so memory holds one page at most. */
function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    if (out.write(chunk)) {
      out.off('error', onError);
      resolve();
    } else {
      out.once('drain', () => {
        out.off('error', onError);
        resolve();
      });
    }
  });
}
