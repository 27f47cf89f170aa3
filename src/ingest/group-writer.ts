// Group commit for concurrent polls: the captures (and the sources' new states) that come while
// a transaction is being written go together in the next one. A transaction per feed, and
// another for its state, spent more time committing than parsing: each wrote the same index
// pages out again and gave FTS5 a segment of its own to merge later. Over 5,000 feeds the
// poller went from 117 to 183 feeds a second. Each capture is still atomic on its own
// (Store.writeCaptures).
import { DatelineError, type ErrorCode } from '../core/index.js';
import type { CaptureRecord, SourceState, Store, WritableArticle, WriteResult } from '../store/index.js';

interface Waiting<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

interface PendingCapture extends Waiting<WriteResult> {
  record: CaptureRecord;
  articles: readonly WritableArticle[];
}

interface PendingState extends Waiting<void> {
  id: string;
  state: Partial<SourceState>;
}

export class GroupWriter {
  private captures: PendingCapture[] = [];
  private states: PendingState[] = [];
  private scheduled = false;

  constructor(private readonly store: Store) {}

  /**
   * Writes a capture with its articles, with whatever else is waiting, as Store.writeCapture
   * does: resolves once committed, rejects with the store's error when this capture failed.
   */
  write(record: CaptureRecord, articles: readonly WritableArticle[]): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.captures.push({ record, articles, resolve, reject });
      this.schedule();
    });
  }

  /** Records a source's state as Store.updateSourceState does, with the others waiting. */
  updateSourceState(id: string, state: Partial<SourceState>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.states.push({ id, state, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the I/O callbacks of this turn of the event loop: the fetches that completed
    // together are parsed, then written together.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const { captures, states } = this;
    this.captures = [];
    this.states = [];
    this.scheduled = false;
    if (captures.length > 0) await this.writeCaptures(captures);
    if (states.length > 0) await this.writeStates(states);
  }

  private async writeCaptures(batch: PendingCapture[]): Promise<void> {
    try {
      const results = await this.store.writeCaptures(batch.map(({ record, articles }) => ({ record, articles })));
      batch.forEach((pending, i) => {
        const result = results[i]!;
        if (result.capture !== 'failed') pending.resolve(result);
        else pending.reject(new DatelineError((result.error?.code ?? 'E_STORE') as ErrorCode, result.error?.message ?? 'store: the capture could not be written'));
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  private async writeStates(batch: PendingState[]): Promise<void> {
    try {
      const gone = new Set(await this.store.updateSourceStates(batch.map(({ id, state }) => ({ id, state }))));
      for (const pending of batch) {
        // A source removed meanwhile: asked alone, the store says so with its own error.
        if (gone.has(pending.id)) this.store.updateSourceState(pending.id, pending.state).then(pending.resolve, pending.reject);
        else pending.resolve();
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}

const writers = new WeakMap<Store, GroupWriter>();

/** The group writer of this store (one per store, shared by every poll writing to it). */
export function groupWriterOf(store: Store): GroupWriter {
  let writer = writers.get(store);
  if (!writer) {
    writer = new GroupWriter(store);
    writers.set(store, writer);
  }
  return writer;
}
