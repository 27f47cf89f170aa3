// The store's one door: the Store interface and its types, and openStore() to get one.
import type { Store } from './store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { OpenOptions } from './sqlite/database.js';

export type * from './store.js';
export { articleRow } from './rows.js';
export type { OpenOptions } from './sqlite/database.js';

/**
 * Opens (creating and migrating when needed) the store at `path`: an SQLite file for now, or
 * `':memory:'` for a throwaway store in tests.
 * @example const store = await openStore('dateline.db'); try { ... } finally { await store.close(); }
 */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  return SqliteStore.open(path, options);
}
