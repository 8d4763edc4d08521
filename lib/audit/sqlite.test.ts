/**
 * Both SQLite drivers behind lib/audit/sqlite.ts, each with real kysely queries on a real file.
 * Each driver's tests run where this Node can load it: node:sqlite from Node 22.13 (CI runs this file
 * on Node 24 as well, .ci/run), better-sqlite3 where its native binary matches this Node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql, SqliteDialect, type Generated } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDriver, kyselyDatabase, nodeSqlite, openSqliteFile, type SqliteDriver } from './sqlite';

interface Tables {
  notes: { id: Generated<number>; body: string; size: number | null };
}

const dir = mkdtempSync(join(tmpdir(), 'portal-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loads(driver: SqliteDriver): Promise<boolean> {
  try {
    (await openSqliteFile(':memory:', { driver })).close();
    return true;
  } catch {
    return false;
  }
}

const available: Record<SqliteDriver, boolean> = {
  'node:sqlite': nodeSqlite() !== undefined,
  'better-sqlite3': await loads('better-sqlite3'),
};
const why: Record<SqliteDriver, string> = {
  'node:sqlite': `skipped: Node ${process.version} has no node:sqlite (22.13 and later have it)`,
  'better-sqlite3': `skipped: better-sqlite3's native binary is not built for Node ${process.version}`,
};

async function kyselyOn(driver: SqliteDriver, name: string) {
  const file = await openSqliteFile(join(dir, name), { driver });
  expect(file.driver).toBe(driver);
  file.exec('pragma journal_mode = WAL');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: kyselyDatabase(file) }) });
  await sql`create table notes (id integer primary key autoincrement, body text not null, size integer)`.execute(db);
  return db;
}

for (const driver of ['node:sqlite', 'better-sqlite3'] as const) {
  describe.skipIf(!available[driver])(`kysely on ${driver}${available[driver] ? '' : ` (${why[driver]})`}`, () => {
    it('inserts with parameters, reads rows back, and reports the insert id and the changed rows', async () => {
      const db = await kyselyOn(driver, `${driver.replace(':', '-')}-1.db`);
      const first = await db.insertInto('notes').values({ body: 'one', size: 3 }).executeTakeFirstOrThrow();
      expect(first.insertId).toBe(1n);
      await db
        .insertInto('notes')
        .values([
          { body: 'two', size: null },
          { body: "it's three", size: 10 },
        ])
        .execute();
      const returned = await db.insertInto('notes').values({ body: 'four', size: 4 }).returning(['id', 'body']).executeTakeFirstOrThrow();
      expect(returned).toEqual({ id: 4, body: 'four' });

      const rows = await db.selectFrom('notes').select(['id', 'body', 'size']).where('size', 'is not', null).orderBy('id').execute();
      expect(rows.map((row) => ({ ...row }))).toEqual([
        { id: 1, body: 'one', size: 3 },
        { id: 3, body: "it's three", size: 10 },
        { id: 4, body: 'four', size: 4 },
      ]);
      const updated = await db.updateTable('notes').set({ size: 0 }).where('size', '>', 3).executeTakeFirstOrThrow();
      expect(updated.numUpdatedRows).toBe(2n);
      const { count } = await db
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(4);
      await db.destroy();
    });

    it('streams a select, and a failed transaction leaves nothing behind', async () => {
      const db = await kyselyOn(driver, `${driver.replace(':', '-')}-2.db`);
      await db
        .insertInto('notes')
        .values([
          { body: 'a', size: 1 },
          { body: 'b', size: 2 },
        ])
        .execute();
      const streamed: string[] = [];
      for await (const row of db.selectFrom('notes').select('body').orderBy('id').stream()) streamed.push(row.body);
      expect(streamed).toEqual(['a', 'b']);

      await expect(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('notes').values({ body: 'c', size: 3 }).execute();
          throw new Error('abandoned');
        }),
      ).rejects.toThrow('abandoned');
      expect(await db.selectFrom('notes').select('body').execute()).toHaveLength(2);
      await db.destroy();
    });

    it('a read-only connection reads but refuses to write', async () => {
      const path = join(dir, `${driver.replace(':', '-')}-3.db`);
      await (await kyselyOn(driver, `${driver.replace(':', '-')}-3.db`)).destroy();
      const readonly = await openSqliteFile(path, { driver, readonly: true });
      expect(readonly.prepare('select count(*) as n from notes').get()).toEqual({ n: 0 });
      expect(() => readonly.prepare("insert into notes (body) values ('x')").run()).toThrow(/readonly/);
      readonly.close();
    });
  });
}

describe('the driver the portal picks', () => {
  const major = Number(process.versions.node.split('.')[0]);
  it.skipIf(major < 23)(
    `Node 23 and later: the built-in node:sqlite, nothing to compile${major < 23 ? ` (skipped on Node ${process.version})` : ''}`,
    () => {
      expect(defaultDriver()).toBe('node:sqlite');
    },
  );
  it.skipIf(major !== 20)(
    `Node 20: better-sqlite3, as node:sqlite does not exist there${major !== 20 ? ` (skipped on Node ${process.version})` : ''}`,
    () => {
      expect(defaultDriver()).toBe('better-sqlite3');
    },
  );
});
