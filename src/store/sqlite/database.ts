// Opens an SQLite database the way dateline uses it: WAL for readers beside one writer,
// NORMAL sync (durable at checkpoints, never corrupt), foreign keys on, a busy timeout, and the
// SQL functions the query compiler relies on.
import Database from 'better-sqlite3';
import { DatelineError } from '../../core/index.js';
import { foldValue, matchesFilter } from './filter-match.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Open without writing: no migrations, no WAL switch. */
  readonly?: boolean;
  /** Milliseconds to wait for another writer's lock before failing. */
  busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** Negative means KiB: 64 MiB of page cache keeps a Reuters-sized index hot. */
const CACHE_SIZE = -65536;

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (cause) {
    throw new DatelineError('E_STORE', `store: cannot open ${path}: ${(cause as Error).message}`, {
      input: path,
      cause,
    });
  }
  if (path !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = ${CACHE_SIZE}`);
  db.pragma('temp_store = MEMORY');
  // Filters compare case- and accent-insensitively (`place:munchen` finds MÜNCHEN), which
  // SQLite's ASCII-only NOCASE cannot do; the function is deterministic so the planner may cache.
  db.function('dl_match', { deterministic: true }, (value: unknown, wanted: unknown, multi: unknown) =>
    matchesFilter(typeof value === 'string' ? value : null, String(wanted), multi === 1) ? 1 : 0,
  );
  db.function('dl_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldValue(value) : null,
  );
  return db;
}
