/** The suite portal's session records (lib/sessions), read and aged straight in its SQLite file, as a reviewer would. */
import { rawSql } from '../test/databases';
import { recordMac, recordMacKey, type MacFields } from '../lib/sessions/record-mac';
import { AUDIT_FILE } from './audit-db';
import { E2E_SECRET } from './env';

export const PORTAL_DATABASE = `file:./${AUDIT_FILE}`;

export interface SessionRow {
  id: string;
  subject: string;
  groups: string;
  role: string;
  ended_at: string | null;
  end_reason: string | null;
  mac: string | null;
}

/** The operator's newest session: the one a test has just signed in. */
export async function latestSession(subject: string): Promise<SessionRow> {
  const [row] = await rawSql<SessionRow>(PORTAL_DATABASE, 'select * from sessions where subject = $1 order by created_at desc limit 1', [
    subject,
  ]);
  if (!row) throw new Error(`no session of ${subject}`);
  return row;
}

/**
 * Moves a session's last activity or last groups refresh `minutes` into the past: time passing,
 * without waiting. The row's MAC is recomputed with the suite's NEXTAUTH_SECRET, as the portal
 * would write it (lib/sessions/record-mac.ts); without it the portal would refuse the edited row.
 */
export async function ageSession(id: string, column: 'last_seen_at' | 'groups_refreshed_at', minutes: number): Promise<void> {
  await rawSql(PORTAL_DATABASE, `update sessions set ${column} = $1 where id = $2`, [
    new Date(Date.now() - minutes * 60_000).toISOString(),
    id,
  ]);
  const [row] = await rawSql<MacFields>(PORTAL_DATABASE, 'select * from sessions where id = $1', [id]);
  await rawSql(PORTAL_DATABASE, 'update sessions set mac = $1 where id = $2', [recordMac(row!, recordMacKey(E2E_SECRET)), id]);
}

/**
 * Copies the suite portal's live session records into another portal database: what one shared
 * database would hold, so a cookie from the suite's portal is honoured there (e2e/scale-out.spec.ts).
 */
export async function shareSessions(url: string): Promise<void> {
  const rows = await rawSql<Record<string, unknown>>(PORTAL_DATABASE, 'select * from sessions where ended_at is null');
  for (const row of rows) {
    const columns = Object.keys(row);
    await rawSql(
      url,
      `insert into sessions (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) on conflict (id) do nothing`,
      columns.map((c) => row[c]),
    );
  }
}
