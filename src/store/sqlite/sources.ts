// The sources a poller follows and how polling each has gone. The state is one JSON column
// (it is read and written whole), except the next poll time, which due-source queries index.
import { createHash } from 'node:crypto';
import { DatelineError } from '../../core/index.js';
import type { NewSource, Source, SourceState } from '../store.js';
import type { Db } from './database.js';

interface SourceRow {
  id: string;
  url: string;
  kind: Source['kind'];
  title: string | null;
  site_url: string | null;
  folder: string | null;
  full_text: number;
  added_at: string;
  state: string;
  next_poll_at: string;
}

const COLUMNS = 'id, url, kind, title, site_url, folder, full_text, added_at, state, next_poll_at';

/** A source's id: its URL's SHA-256, short, so the same URL is always the same source. */
export function sourceId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** A new source's state: never fetched, due when it was added, on the default interval. */
export function initialState(addedAt: string): SourceState {
  return {
    etag: null, lastModified: null, lastFetchAt: null, lastStatus: null, lastError: null,
    errorCount: 0, consecutiveErrors: 0, nextPollAt: addedAt, intervalSeconds: DEFAULT_INTERVAL_SECONDS,
    newItems: 0, lastNewItemAt: null,
  };
}

/** Where a new source's polling interval starts: an hour, as most readers do. */
export const DEFAULT_INTERVAL_SECONDS = 3600;

export class SourceTable {
  private readonly insert;
  private readonly byId;
  private readonly byUrl;
  private readonly all;
  private readonly due;
  private readonly remove;
  private readonly update;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO sources (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`);
    this.byId = db.prepare<[string], SourceRow>(`SELECT ${COLUMNS} FROM sources WHERE id = ?`);
    this.byUrl = db.prepare<[string], SourceRow>(`SELECT ${COLUMNS} FROM sources WHERE url = ?`);
    this.all = db.prepare<[], SourceRow>(`SELECT ${COLUMNS} FROM sources ORDER BY seq`);
    this.due = db.prepare<[string, number], SourceRow>(`SELECT ${COLUMNS} FROM sources WHERE next_poll_at <= ? ORDER BY next_poll_at, seq LIMIT ?`);
    this.remove = db.prepare('DELETE FROM sources WHERE id = ? OR url = ?');
    this.update = db.prepare('UPDATE sources SET state = ?, next_poll_at = ? WHERE id = ?');
  }

  add(source: NewSource, addedAt: string): { source: Source; added: boolean } {
    const state = initialState(instant(addedAt));
    const { nextPollAt, ...rest } = state;
    const info = this.insert.run(
      sourceId(source.url), source.url, source.kind, source.title ?? null, source.siteUrl ?? null, source.folder ?? null,
      source.fullText ? 1 : 0, addedAt, JSON.stringify(rest), nextPollAt,
    );
    return { source: sourceOf(this.byUrl.get(source.url)!), added: info.changes > 0 };
  }

  list(): Source[] {
    return this.all.all().map(sourceOf);
  }

  dueAt(now: string, limit: number): Source[] {
    return this.due.all(instant(now), limit).map(sourceOf);
  }

  delete(idOrUrl: string): boolean {
    return this.remove.run(idOrUrl, idOrUrl).changes > 0;
  }

  setState(id: string, changes: Partial<SourceState>): void {
    if (!this.trySetState(id, changes)) throw new DatelineError('E_NOT_FOUND', `store: no source ${id}`, { input: id });
  }

  /** setState, or false when there is no such source. */
  trySetState(id: string, changes: Partial<SourceState>): boolean {
    const row = this.byId.get(id);
    if (!row) return false;
    const { nextPollAt, ...rest } = { ...sourceOf(row).state, ...changes };
    this.update.run(JSON.stringify(rest), instant(nextPollAt), id);
    return true;
  }
}

/**
 * A time as toISOString writes it (milliseconds, Z), so times compare as strings in SQL:
 * '2024-06-01T00:00:00Z' would sort after '2024-06-01T00:00:00.000Z'.
 */
function instant(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new DatelineError('E_STORE', `store: ${time} is not a time`, { input: time });
  return new Date(ms).toISOString();
}

function sourceOf(row: SourceRow): Source {
  return {
    id: row.id,
    url: row.url,
    kind: row.kind,
    title: row.title,
    siteUrl: row.site_url,
    folder: row.folder,
    fullText: row.full_text === 1,
    addedAt: row.added_at,
    state: { ...(JSON.parse(row.state) as Omit<SourceState, 'nextPollAt'>), nextPollAt: row.next_poll_at },
  };
}
