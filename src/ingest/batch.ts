// Small captures are written many to a transaction. One commit per file held a folder of
// releases to about 500 files a second; each capture is still atomic on its own (see
// Store.writeCaptures), and a crash loses at most the batch, which a rerun writes again.
import type { Article } from '../core/index.js';
import type { CaptureRecord, Store } from '../store/index.js';
import type { IngestFailure, IngestSummary } from './ingest.js';

/** Captures per batch, and articles: whichever fills first closes the batch. */
export const BATCH_CAPTURES = 200;
export const BATCH_ARTICLES = 5000;

interface Entry {
  record: CaptureRecord;
  articles: Article[];
  name: string;
  /** Set when the capture could not be parsed: it is stored with its error, and counted failed. */
  failure: IngestFailure | null;
  report: (written: number, total: number) => void;
}

export class CaptureBatch {
  private entries: Entry[] = [];
  private articles = 0;

  constructor(
    private readonly store: Store,
    private readonly summary: IngestSummary,
  ) {}

  async add(entry: Entry): Promise<void> {
    this.entries.push(entry);
    this.articles += entry.articles.length;
    if (this.entries.length >= BATCH_CAPTURES || this.articles >= BATCH_ARTICLES) await this.flush();
  }

  /** Writes what is queued and accounts for each capture in the summary. */
  async flush(): Promise<void> {
    const entries = this.entries;
    if (entries.length === 0) return;
    this.entries = [];
    this.articles = 0;
    const results = await this.store.writeCaptures(entries.map(({ record, articles }) => ({ record, articles })));
    const { summary } = this;
    results.forEach((result, i) => {
      const entry = entries[i]!;
      if (result.capture === 'failed') {
        summary.captures.failed++;
        summary.failures.push({ input: entry.name, code: result.error?.code ?? 'E_STORE', message: result.error?.message ?? 'store: the capture could not be written' });
        return;
      }
      if (entry.failure) {
        summary.captures.failed++;
        summary.failures.push(entry.failure);
      } else if (result.capture === 'new') {
        summary.captures.new++;
      } else {
        // The same bytes twice in one run: the first copy was written in this batch.
        summary.captures.duplicate++;
        return;
      }
      summary.articles.added += result.articlesAdded;
      summary.articles.existing += entry.articles.length - result.articlesAdded;
      entry.report(entry.articles.length, entry.articles.length);
    });
  }
}
