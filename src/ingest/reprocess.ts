// Reprocess: rebuild every article from the stored captures, for example after the structurer
// improves. Ids come from the capture and the position in it (or a feed and a guid), so they
// survive the rebuild; where a capture's stored articles carry other ids, those are kept.
import type { Store } from '../store/index.js';
import { type IngestFailure, failureOf } from './ingest.js';
import { restory } from './stories.js';
import { ParsePool, WORKER_MIN_BYTES } from './pool.js';
import { inlineSession } from './session.js';

/** Articles taken from a session at a time. */
const REPROCESS_PIECE = 5000;

export interface ReprocessSummary {
  captures: number;
  articles: number;
  /** Stories once every article is rebuilt (they are recomputed from scratch at the end). */
  stories: number;
  failed: IngestFailure[];
}

export async function reprocess(store: Store, onProgress?: (done: number) => void): Promise<ReprocessSummary> {
  const summary: ReprocessSummary = { captures: 0, articles: 0, stories: 0, failed: [] };
  let pool: ParsePool | null = null;
  try {
    for await (const id of store.captureIds()) {
      const stored = await store.getCapture(id);
      if (!stored) continue;
      const name = stored.capture.url;
      const input = { capture: stored.capture, bytes: stored.bytes, name };
      summary.captures++;
      try {
        const inWorker = stored.bytes.byteLength >= WORKER_MIN_BYTES;
        if (inWorker) pool ??= new ParsePool();
        const session = inWorker && pool!.alive ? pool!.session(input) : inlineSession(input);
        const articles = [];
        for (let piece = await session.next(REPROCESS_PIECE); piece.length > 0; piece = await session.next(REPROCESS_PIECE)) {
          articles.push(...piece);
        }
        await session.summary;
        // Ids are kept as stored: a page fetched for a feed item's full text carries that
        // item's id, which the page alone would not give it.
        const storedIds = await store.articleIdsOf(id);
        if (storedIds.length === articles.length) articles.forEach((article, i) => (article.id = storedIds[i]!));
        await store.replaceArticles(id, articles, null);
        summary.articles += articles.length;
      } catch (error) {
        const failure = failureOf(name, error);
        await store.replaceArticles(id, [], { code: failure.code, message: failure.message });
        summary.failed.push(failure);
      }
      onProgress?.(summary.captures);
    }
  } finally {
    await (pool as ParsePool | null)?.close();
  }
  // Texts may have changed, so stories are recomputed rather than patched.
  summary.stories = (await restory(store)).stories;
  return summary;
}
