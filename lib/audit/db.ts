import 'server-only';
/**
 * The portal's database: SQLite by default (better-sqlite3), one query layer (kysely) so that
 * PostgreSQL can take its place by URL. Migrations run when the database is first opened.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import { config } from '../config';
import { MIGRATIONS } from './migrations';
import type { Tables } from './schema';

let opened: Promise<Kysely<Tables>> | undefined;

/** SQLite waits this long for a lock before the write fails (and the reset with it: fail closed). */
const BUSY_TIMEOUT_MS = 2000;

export function sqliteFile(url: string): string {
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL must be file:<path> (SQLite) for now, not ${url.split(':')[0]}:`);
  return resolve(url.slice('file:'.length));
}

async function open(url: string): Promise<Kysely<Tables>> {
  const file = sqliteFile(url);
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS as Record<string, Migration> },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
  return db;
}

export function database(): Promise<Kysely<Tables>> {
  opened ??= open(config().databaseUrl).catch((err: unknown) => {
    opened = undefined;
    throw err;
  });
  return opened;
}
