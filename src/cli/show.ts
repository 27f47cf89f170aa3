// `dateline show`: one article, whole.
import type { Command } from 'commander';
import { DatelineError } from '../core/index.js';
import { bold, databasePath, dim, printJson, run } from './output.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('show one stored article by id')
    .argument('<id>', 'article id, as search prints it')
    .option('--db <path>', 'database file (default: $DATELINE_DB or ./dateline.db)')
    .option('--json', 'the article as one JSON object')
    .action(async (id: string, options: { db?: string; json?: boolean }) => {
      const json = Boolean(options.json);
      await run(json, async () => {
        const { openStore } = await import('../store/index.js');
        const store = await openStore(databasePath(options.db));
        try {
          const article = await store.getArticle(id);
          if (!article) throw new DatelineError('E_NOT_FOUND', `no article with id "${id}" (ids are 16 hex characters, as search prints them)`, { input: id });
          const revisions = await store.articleRevisions(id);
          if (json) {
            // Earlier versions only when there are some, so the usual article prints as before.
            printJson(revisions.length ? { ...article, revisions } : article);
            return;
          }
          const out = [bold(article.title ?? '(no headline)')];
          const facts: Array<[string, string | null]> = [
            ['id', article.id],
            ['published', article.published ? `${article.published} (zone ${article.publishedZone})` : null],
            ['dateline', article.dateline ? [article.dateline.place, article.dateline.date].filter(Boolean).join(', ') : null],
            ['wire', article.wire],
            ['kind', article.kind],
            ['source', article.source],
            ['byline', article.byline],
            ['site', article.siteName],
            ['language', article.language],
            ['url', article.url],
            ['canonical', article.canonicalUrl !== article.url ? article.canonicalUrl : null],
            ['tickers', article.tickers.map((t) => `${t.exchange}:${t.symbol}`).join(', ') || null],
            ['views', article.views ? `${article.views.count} (observed ${article.views.observedAt})` : null],
          ];
          for (const [label, value] of facts) if (value) out.push(`${dim(label.padEnd(10))}${value}`);
          for (const n of article.notices) out.push(`${dim('notice'.padEnd(10))}${n.type}: ${n.text}`);
          for (const r of revisions) out.push(`${dim('revised'.padEnd(10))}${r.replacedAt}: was "${r.article.title ?? ''}" (${r.article.text.length} characters)`);
          out.push('', ...article.paragraphs.flatMap((p) => [p, '']));
          if (article.about.length) out.push(dim('about'), ...article.about, '');
          if (article.contacts.length) out.push(dim('contacts'), ...article.contacts, '');
          process.stdout.write(out.join('\n') + '\n');
        } finally {
          await store.close();
        }
      });
    });
}
