/**
 * A fresh, empty database per test file on either backend: a temporary SQLite file, or a new
 * PostgreSQL database on the test server (scripts/ensure-postgres.ts starts one).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testPostgresUrl } from './postgres-url';

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
    throw new Error(`No test PostgreSQL at ${new URL(testPostgresUrl()).host} (${(err as Error).message}): run npx tsx scripts/ensure-postgres.ts`);
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

/** Runs one SQL statement straight against the database, as someone tampering with it would. */
export async function rawSql(url: string, statement: string, params: unknown[] = []): Promise<void> {
  if (url.startsWith('file:')) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(url.slice('file:'.length));
    try {
      db.prepare(statement.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement, params);
  } finally {
    await client.end();
  }
}
