// A parse worker: takes a whole capture, parses it, and structures and enriches its drafts (and,
// when asked, fingerprints them for stories) off the main thread, which keeps the database. It says what the capture is as soon as it is
// decoded, sends the articles a piece at a time while parsing goes on, then the outcome.
import { parentPort } from 'node:worker_threads';
import { type ArticleDraft, isDatelineError } from '../core/index.js';
import { articleRow } from '../store/rows.js';
import { fingerprint } from '../stories/index.js';
import { articleOf, articleUrlOf } from './assemble.js';
import { draftsOf } from './drafts.js';
import { type CaptureJob, type WorkerReply, summaryOf } from './session.js';

const reply = (message: WorkerReply) => parentPort!.postMessage(message);

/** Articles in the first piece. */
const FIRST_PIECE = 100;

parentPort?.on('message', ({ input, piece, fingerprints }: CaptureJob) => {
  const { capture } = input;
  const url = articleUrlOf(capture);
  let buffer: ArticleDraft[] = [];
  // The first pieces are small, then double up to `piece`: the writer idles until one comes, and
  // the first articles are the slowest to make (nothing is compiled yet).
  let size = Math.min(FIRST_PIECE, piece);
  const flush = () => {
    if (buffer.length === 0) return;
    const articles = buffer.map((draft) => articleOf(capture.id, url, capture.fetchedAt, draft));
    buffer = [];
    // Rows, not articles: the writing thread stores them as they come (store/rows.ts).
    reply({ kind: 'articles', rows: articles.map(articleRow), prints: fingerprints ? articles.map((article) => fingerprint(article.text)) : null });
  };
  try {
    const parsed = draftsOf(input, {
      onFormat: (found) => reply({ kind: 'started', found }),
      onDraft: (draft) => {
        buffer.push(draft);
        if (buffer.length >= size) {
          flush();
          size = Math.min(piece, size * 2);
        }
      },
    });
    flush();
    reply({ kind: 'parsed', summary: summaryOf(parsed) });
  } catch (error) {
    if (isDatelineError(error)) {
      reply({ kind: 'failed', error: error.toJSON() });
    } else {
      reply({ kind: 'crashed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  }
});
