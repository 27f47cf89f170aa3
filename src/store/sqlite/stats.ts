// Counts for `dateline stats`: captures, failures, articles, and articles by wire, source,
// language and month of publication, most frequent first.
import type { CountRow, Stats } from '../store.js';
import type { Db } from './database.js';

export class StatsReader {
  private readonly totals;
  private readonly byWire;
  private readonly bySource;
  private readonly byLanguage;
  private readonly byMonth;

  constructor(db: Db) {
    this.totals = db.prepare<[], { captures: number; failed: number; articles: number }>(`SELECT
      (SELECT count(*) FROM captures) AS captures,
      (SELECT count(*) FROM captures WHERE error_code IS NOT NULL) AS failed,
      (SELECT count(*) FROM articles) AS articles`);
    const grouped = (expression: string) =>
      db.prepare<[], CountRow>(`SELECT ${expression} AS key, count(*) AS count FROM articles
        GROUP BY 1 ORDER BY count DESC, key`);
    this.byWire = grouped('wire');
    this.bySource = grouped('source');
    this.byLanguage = grouped('lang');
    this.byMonth = grouped('substr(published, 1, 7)');
  }

  /** Everything but the story counts, which StoryTable gives. */
  read(): Omit<Stats, 'stories' | 'articlesWithoutStory'> {
    const totals = this.totals.get()!;
    return {
      captures: totals.captures,
      failedCaptures: totals.failed,
      articles: totals.articles,
      byWire: this.byWire.all(),
      bySource: this.bySource.all(),
      byLanguage: this.byLanguage.all(),
      byMonth: this.byMonth.all(),
    };
  }
}
