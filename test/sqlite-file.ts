/**
 * A raw SQLite connection for tests that read or tamper with the portal's file as a reviewer would,
 * opened synchronously with the driver the portal itself uses on this Node (lib/audit/sqlite.ts).
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { nodeSqlite, openWithNodeSqlite, wrapBetterSqlite, type SqliteFile } from '../lib/audit/sqlite';

export function openSqliteFileSync(path: string, options: { readonly?: boolean } = {}): SqliteFile {
  if (nodeSqlite()) return openWithNodeSqlite(path, options.readonly);
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return wrapBetterSqlite(new Database(path, { readonly: options.readonly ?? false }));
}

/** Reads from the file through a read-only connection that is closed afterwards. */
export function readSqliteFile<T>(path: string, read: (raw: SqliteFile) => T): T {
  const raw = openSqliteFileSync(path, { readonly: true });
  try {
    return read(raw);
  } finally {
    raw.close();
  }
}
