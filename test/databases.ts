/**
 * A fresh, empty database per test file on either backend: a temporary SQLite file, or a new
 * PostgreSQL database on the test server (scripts/ensure-postgres.ts starts one).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openSqliteFile, type SqliteValue } from '../lib/audit/sqlite';
import { testPostgresUrl } from './postgres-url';

const run = promisify(execFile);

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type TestBackend = (typeof BACKENDS)[number];

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `No test PostgreSQL at ${new URL(testPostgresUrl()).host} (${(err as Error).message}): run npx tsx scripts/ensure-postgres.ts`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(backend: TestBackend): Promise<TestDatabase> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'portal-db-'));
    return { url: `file:${join(dir, 'portal.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `portal_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}) };
}

/** Runs one SQL statement straight against the database, as someone tampering with it (or a reviewer) would. */
export async function rawSql<Row = Record<string, unknown>>(url: string, statement: string, params: unknown[] = []): Promise<Row[]> {
  if (url.startsWith('file:')) {
    const db = await openSqliteFile(url.slice('file:'.length));
    try {
      const prepared = db.prepare(statement.replace(/\$\d+/g, '?'));
      const values = params as SqliteValue[];
      return prepared.reader ? (prepared.all(...values) as Row[]) : (prepared.run(...values), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Runs `npm run audit:verify`, `audit:purge` or `sessions:revoke` as a real process, as an operator would (on this Node). */
export async function auditCommand(
  script: 'audit-verify' | 'audit-purge' | 'sessions-revoke',
  env: Record<string, string>,
  args: string[] = [],
) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', `scripts/${script}.ts`, ...args],
      {
        env: { ...process.env, ...env },
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
