/**
 * An SQLite file opened with the driver this Node has: the built-in `node:sqlite` (Node >= 22.13,
 * nothing to compile) or `better-sqlite3` where that is missing (Node 20). Both sit behind one small
 * interface, and `kyselyDatabase` puts kysely's SqliteDialect on top of either
 * (docs/decisions/009-node-24.md).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export type SqliteDriver = 'node:sqlite' | 'better-sqlite3';
export type SqliteValue = null | number | bigint | string | Uint8Array;

export interface SqliteStatement {
  /** True when the statement returns rows (a select, a pragma, `returning`): kysely reads them with `all`. */
  readonly reader: boolean;
  all(...params: SqliteValue[]): unknown[];
  get(...params: SqliteValue[]): unknown;
  run(...params: SqliteValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...params: SqliteValue[]): IterableIterator<unknown>;
}

export interface SqliteFile {
  readonly driver: SqliteDriver;
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  close(): void;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Tests pin a driver; the portal takes whichever this Node has. */
  driver?: SqliteDriver;
}

/** The part of `node:sqlite` used here (@types/node 20 does not describe the module). */
interface NodeSqliteStatement {
  columns(): unknown[];
  all(...params: SqliteValue[]): unknown[];
  get(...params: SqliteValue[]): unknown;
  run(...params: SqliteValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...params: SqliteValue[]): IterableIterator<unknown>;
}
interface NodeSqlite {
  DatabaseSync: new (
    path: string,
    options?: { readOnly?: boolean },
  ) => { prepare(sql: string): NodeSqliteStatement; exec(sql: string): void; close(): void };
}

/**
 * `node:sqlite` when this Node has it. Asked at run time rather than imported, so a build made on
 * Node 20 (where the module does not exist) still finds it when the server runs on Node 24, and
 * Node 22.5–22.12 without `--experimental-sqlite` answers undefined instead of failing the import.
 */
export function nodeSqlite(): NodeSqlite | undefined {
  try {
    return process.getBuiltinModule?.('node:sqlite') as NodeSqlite | undefined;
  } catch {
    return undefined;
  }
}

export function openWithNodeSqlite(path: string, readonly = false): SqliteFile {
  const sqlite = nodeSqlite();
  if (!sqlite) throw new Error(`node:sqlite is not available on Node ${process.version} (it needs Node 22.13 or later)`);
  const db = new sqlite.DatabaseSync(path, { readOnly: readonly });
  return {
    driver: 'node:sqlite',
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        // better-sqlite3's `reader` is "the statement has result columns"; node:sqlite lists them.
        reader: statement.columns().length > 0,
        all: (...params) => statement.all(...params),
        get: (...params) => statement.get(...params),
        run: (...params) => statement.run(...params),
        iterate: (...params) => statement.iterate(...params),
      };
    },
  };
}

export function wrapBetterSqlite(db: BetterSqlite3.Database): SqliteFile {
  return {
    driver: 'better-sqlite3',
    exec: (sql) => void db.exec(sql),
    close: () => void db.close(),
    prepare: (sql) => db.prepare<SqliteValue[]>(sql),
  };
}

export function defaultDriver(): SqliteDriver {
  return nodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
}

export async function openSqliteFile(path: string, options: OpenOptions = {}): Promise<SqliteFile> {
  const readonly = options.readonly ?? false;
  const driver = options.driver ?? defaultDriver();
  if (driver === 'node:sqlite') return openWithNodeSqlite(path, readonly);
  // Loaded only here: on Node 24 its native binary may be built for another Node and must not be touched.
  const { default: Database } = await import('better-sqlite3');
  return wrapBetterSqlite(new Database(path, { readonly }));
}

/** kysely's SqliteDialect passes parameters as one array (better-sqlite3 accepts that); spread them for either driver. */
export function kyselyDatabase(file: SqliteFile): SqliteDatabase {
  return {
    close: () => file.close(),
    prepare(sql) {
      const statement = file.prepare(sql);
      const spread = (params: ReadonlyArray<unknown>) => params as SqliteValue[];
      return {
        reader: statement.reader,
        all: (params) => statement.all(...spread(params)),
        run: (params) => statement.run(...spread(params)),
        iterate: (params) => statement.iterate(...spread(params)),
      };
    },
  };
}
