// `dateline parse`: structure inputs without storing them, to see what ingest would keep.
import type { Command } from 'commander';
import { type Article, DatelineError, problemCode } from '../core/index.js';
import { EXIT_FAILED, EXIT_OK, bold, dim, printJson, reportError, run } from './output.js';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('parse files, folders or - (stdin) into articles and print them, storing nothing')
    .argument('<inputs...>', 'files, folders or - for standard input')
    .option('--json', 'one JSON object per article per line')
    .option('--explain', 'also show the lines removed as junk and the rule that removed each')
    .action(async (inputs: string[], options: { json?: boolean; explain?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const [{ articlesOf, draftsOf, expandInputs, readCapture }, { structureWireText }] = await Promise.all([
          import('../ingest/index.js'),
          import('../structure/index.js'),
        ]);
        const { files, missing } = await expandInputs(inputs);
        let failed = missing.length;
        for (const error of missing) reportError(error, json);
        for (const file of files) {
          try {
            const read = await readCapture(file);
            const input = { ...read, name: file.name };
            const parsed = draftsOf(input);
            const articles = articlesOf(input, parsed);
            const many = articles.length > 1;
            articles.forEach((article, i) => {
              const name = many ? `${file.name}#${i + 1}` : file.name;
              const removed = options.explain ? structureWireText(parsed.drafts[i]!.text, { title: parsed.drafts[i]!.known.title ?? null }).removed : undefined;
              const encoding = `${parsed.encoding} (${parsed.decodedBy})`;
              if (json) printJson({ input: name, format: parsed.format, encoding, ...article, ...(removed ? { removed } : {}) });
              else printArticle(name, article, removed);
            });
            for (const problem of parsed.problems) {
              if (problem.severity === 'warning') {
                process.stderr.write(`dateline: warning: ${file.name}${problem.line ? `:${problem.line}` : ''}: ${problem.message}\n`);
                continue;
              }
              failed++;
              reportError(problemError(file.name, parsed.format, problem), json);
            }
          } catch (error) {
            failed++;
            reportError(error, json);
          }
        }
        return failed > 0 ? EXIT_FAILED : EXIT_OK;
      });
    });
}

/** A problem inside an input (a broken JSONL line) as an error naming the input and line. */
export function problemError(name: string, format: string, problem: { line?: number; message: string }): DatelineError {
  const code = problemCode(format);
  const where = problem.line ? `${name}:${problem.line}` : name;
  const message = problem.message.startsWith(name) ? problem.message : `${where}: ${problem.message}`;
  return new DatelineError(code, message, { input: name, ...(problem.line ? { line: problem.line } : {}) });
}

function printArticle(name: string, a: Article, removed?: Array<{ text: string; rule: string }>): void {
  const out: string[] = [];
  out.push(dim(`== ${name}`));
  out.push(bold(a.title ?? '(no headline)'));
  const meta = [
    a.published ? `published ${a.published}${a.publishedZone === 'inferred' ? ' (zone inferred)' : ''}` : null,
    a.dateline ? `dateline ${a.dateline.place}${a.dateline.date ? `, ${a.dateline.date}` : ''}` : null,
    a.wire ? `wire ${a.wire}` : null,
    `kind ${a.kind}`,
    a.source ? `source ${a.source}` : null,
    a.language ? `language ${a.language}` : null,
    a.views ? `views ${a.views.count}` : null,
  ].filter(Boolean);
  out.push(meta.join(' | '));
  if (a.tickers.length) out.push(`tickers ${a.tickers.map((t) => `${t.exchange}:${t.symbol}`).join(', ')}`);
  for (const n of a.notices) out.push(`notice ${n.type}: ${n.text}`);
  out.push(`${a.paragraphs.length} paragraphs, ${a.about.length} about, ${a.contacts.length} contact lines`);
  if (a.paragraphs[0]) out.push(`  ${truncate(a.paragraphs[0], 200)}`);
  if (removed?.length) {
    out.push('removed:');
    for (const r of removed) out.push(`  [${r.rule}] ${truncate(r.text, 100)}`);
  }
  process.stdout.write(out.join('\n') + '\n\n');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}
