import 'server-only';
/**
 * The portal's database, chosen by DATABASE_URL: SQLite (node:sqlite, or better-sqlite3 on Node 20;
 * lib/audit/sqlite.ts) by default, PostgreSQL
 * (pg) for several instances (docs/deployment.md). One query layer (kysely) over both; migrations run
 * when the database is first opened.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import { config } from '../config';
import { PRODUCT_ID } from '../product';
import { MIGRATIONS } from './migrations';
import type { Tables } from './schema';
import { kyselyDatabase, openSqliteFile } from './sqlite';

export type Backend = 'sqlite' | 'postgres';

export interface AuditDatabase {
  db: Kysely<Tables>;
  backend: Backend;
  close(): Promise<void>;
}

/** SQLite waits this long for a lock before the write fails (and the reset with it: fail closed). */
const BUSY_TIMEOUT_MS = 2000;
/** PostgreSQL: how long a statement (a lock wait included) may take before the write fails. */
const STATEMENT_TIMEOUT_MS = 5000;

export function backendOf(url: string): Backend {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new Error(`DATABASE_URL must be file:<path> (SQLite) or postgres://... (PostgreSQL), not ${url.split(':')[0]}:`);
}

function openSqlite(url: string): Kysely<Tables> {
  const file = resolve(url.slice('file:'.length));
  mkdirSync(dirname(file), { recursive: true });
  // Opened on the first query (the migrations, in openDatabase), which also reports a failure to open.
  const database = async () => {
    const sqlite = await openSqliteFile(file);
    sqlite.exec('pragma journal_mode = WAL');
    sqlite.exec(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return kyselyDatabase(sqlite);
  };
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres(url: string): Kysely<Tables> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: STATEMENT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: PRODUCT_ID,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

export async function openDatabase(url: string): Promise<AuditDatabase> {
  const backend = backendOf(url);
  const db = backend === 'sqlite' ? openSqlite(url) : openPostgres(url);
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS as Record<string, Migration> } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, backend, close: () => db.destroy() };
}

let opened: Promise<AuditDatabase> | undefined;

/** The process's database (DATABASE_URL), opened once. */
export function database(): Promise<AuditDatabase> {
  opened ??= openDatabase(config().databaseUrl).catch((err: unknown) => {
    opened = undefined;
    throw err;
  });
  return opened;
}

/**
 * Runs `work` as one transaction that holds the audit log's write lock, so that reading the last
 * hash and appending after it (and counting for the rate limits) cannot interleave with another
 * writer, in this process or another instance. SQLite: BEGIN IMMEDIATE takes the database's write
 * lock at once. PostgreSQL: SHARE ROW EXCLUSIVE on the table conflicts with itself and with every
 * insert, update and delete, but not with readers, so the audit page never waits on it.
 */
export async function writeTransaction<T>(handle: AuditDatabase, work: (db: Kysely<Tables>) => Promise<T>): Promise<T> {
  return handle.db.connection().execute(async (conn) => {
    await sql.raw(handle.backend === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    try {
      if (handle.backend === 'postgres') await sql`lock table audit_events in share row exclusive mode`.execute(conn);
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw err;
    }
  });
}
