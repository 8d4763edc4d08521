/** Reads the portal's SQLite audit log as a reviewer would, straight from the file. */
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { E2E_DATABASE } from './env';

export const AUDIT_FILE = E2E_DATABASE;

export interface Row {
  id: number;
  time: string;
  type: string;
  actor_subject: string;
  actor_email: string;
  organization_id: string | null;
  person_id: string | null;
  person_email: string | null;
  outcome: string;
  error_code: string | null;
  provider_code: string | null;
  request_id: string | null;
  reason: string | null;
}

export function auditRows(): Row[] {
  const db = new Database(AUDIT_FILE, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('select * from audit_events order by id').all() as Row[];
  } finally {
    db.close();
  }
}

/** True when any byte sequence of the database files (main, WAL) holds `text`. */
export function databaseContains(text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return [AUDIT_FILE, `${AUDIT_FILE}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(needle));
}

const OUTCOME_TYPES = new Set(['password.reset.succeeded', 'password.reset.failed']);

/**
 * How many reset requests among `rows` (one operator's, in id order) were answered by an outcome:
 * the next request-or-outcome event for the same person is an outcome. /audit shows each such pair as one row.
 */
export function answeredRequests(rows: Row[]): number {
  const key = (r: Row) => `${r.actor_email}|${r.organization_id}|${r.person_id}`;
  return rows.filter((r, i) => {
    if (r.type !== 'password.reset.requested') return false;
    const next = rows.slice(i + 1).find((o) => key(o) === key(r) && (o.type === r.type || OUTCOME_TYPES.has(o.type)));
    return next !== undefined && OUTCOME_TYPES.has(next.type);
  }).length;
}
