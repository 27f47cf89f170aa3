// A parse worker: takes a whole capture, parses it, and structures and enriches its drafts off
// the main thread, which keeps the database. It answers with the parse summary first (so the
// main thread can write the capture's row), then the articles a piece at a time, in order.
import { parentPort } from 'node:worker_threads';
import { isDatelineError } from '../core/index.js';
import { articleOf, articleUrlOf } from './assemble.js';
import { draftsOf } from './drafts.js';
import type { CaptureJob, WorkerReply } from './session.js';

const reply = (message: WorkerReply) => parentPort!.postMessage(message);

parentPort?.on('message', (job: CaptureJob) => {
  let parsed;
  try {
    parsed = draftsOf(job.input);
  } catch (error) {
    const shaped = isDatelineError(error)
      ? { code: error.code, message: error.message, ...(error.line ? { line: error.line } : {}) }
      : { code: 'E_INTERNAL', message: `${job.input.name}: ${error instanceof Error ? error.message : String(error)}` };
    reply({ kind: 'failed', error: shaped });
    return;
  }
  const { drafts, ...rest } = parsed;
  reply({ kind: 'parsed', summary: { ...rest, count: drafts.length } });
  const { capture } = job.input;
  const url = articleUrlOf(capture);
  for (let from = 0; from < drafts.length; from += job.piece) {
    try {
      const articles = drafts.slice(from, from + job.piece).map((draft) => articleOf(capture.id, url, capture.fetchedAt, draft));
      reply({ kind: 'articles', articles });
    } catch (error) {
      reply({ kind: 'crashed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
      return;
    }
  }
});
