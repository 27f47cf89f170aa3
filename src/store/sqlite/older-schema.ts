// A database file as an older dateline left it, for tests of what an upgrade does to it.
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

/** Creates `path` with the migrations up to `version` applied and recorded; the caller closes it. */
export function databaseAtVersion(path: string, version: number): Database.Database {
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const migration of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, '2026-01-01T00:00:00Z');
  }
  db.pragma(`user_version = ${version}`);
  return db;
}
