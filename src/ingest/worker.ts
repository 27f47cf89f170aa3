// A parsing worker: structures and enriches chunks of drafts off the main thread, which keeps
// the database. Pure work in, articles out.
import { parentPort } from 'node:worker_threads';
import type { ArticleDraft } from '../core/index.js';
import { articleOf } from './assemble.js';

export interface DraftChunk {
  captureId: string;
  captureUrl: string | null;
  observedAt: string;
  drafts: ArticleDraft[];
}

parentPort?.on('message', (chunk: DraftChunk) => {
  try {
    const articles = chunk.drafts.map((draft) => articleOf(chunk.captureId, chunk.captureUrl, chunk.observedAt, draft));
    parentPort!.postMessage({ ok: true, articles });
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
