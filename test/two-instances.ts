/**
 * A fresh database with two handles on it, standing for two portal instances. On PostgreSQL they
 * are two connection pools; on SQLite, the one-instance default, both are the process's one
 * connection (both SQLite drivers are synchronous: a second connection in the same process would wait
 * on itself).
 */
import { openDatabase, type AuditDatabase } from '../lib/audit/db';
import { freshDatabase, type TestBackend, type TestDatabase } from './databases';

export interface TwoInstances {
  target: TestDatabase;
  one: AuditDatabase;
  two: AuditDatabase;
}

export async function openTwoInstances(backend: TestBackend): Promise<TwoInstances> {
  const target = await freshDatabase(backend);
  const one = await openDatabase(target.url);
  const two = backend === 'postgres' ? await openDatabase(target.url) : one;
  return { target, one, two };
}

export async function closeTwoInstances({ target, one, two }: Partial<TwoInstances>): Promise<void> {
  if (two && two !== one) await two.close();
  await one?.close();
  await target?.drop();
}
