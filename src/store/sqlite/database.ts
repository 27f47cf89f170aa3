// Opens an SQLite database the way dateline uses it: WAL for readers beside one writer,
// NORMAL sync (durable at checkpoints, never corrupt), foreign keys on and a busy timeout.
// No custom SQL functions: the file stays readable by any SQLite tool.
import Database from 'better-sqlite3';
import { DatelineError } from '../../core/index.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Open without writing: no migrations, no WAL switch. */
  readonly?: boolean;
  /** Milliseconds to wait for another writer's lock before failing. */
  busyTimeoutMs?: number;
  /**
   * SQLite's page cache, in MiB (default 64: a Reuters-sized index stays hot during bulk
   * ingest). A long-running poller writes little at a time and keeps a smaller footprint.
   */
  cacheMiB?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_CACHE_MIB = 64;

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    // The first statements are where a file that is not a database is found out.
    if (path !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    // Negative means KiB.
    db.pragma(`cache_size = ${-Math.round((options.cacheMiB ?? DEFAULT_CACHE_MIB) * 1024)}`);
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (cause) {
    db?.close();
    throw new DatelineError('E_STORE', `store: cannot open ${path}: ${(cause as Error).message}`, {
      input: path,
      cause,
    });
  }
}
