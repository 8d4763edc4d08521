import 'server-only';
/**
 * Server-side session records in the audit database, so every instance sees a sign-out or a
 * revocation (docs/security.md, "Sessions"). The cookie carries a random session id; the table
 * keeps only its SHA-256. Ending a session and writing its audit event is one transaction, and
 * only the first of several concurrent enders writes the event.
 */
import { createHash, randomBytes } from 'node:crypto';
import { database, type AuditDatabase } from '../audit/db';
import { appendWithin, inTransaction } from '../audit/store';
import type { AuditEventType } from '../audit/types';
import { config } from '../config';
import { withSessions, type SessionsTable } from './schema';
import { decryptToken, encryptToken, tokenKey } from './token-crypto';

export type EndReason = 'signed-out' | 'revoked' | 'ended-at-idp' | 'idle' | 'expired';

const EVENT_OF: Record<EndReason, AuditEventType> = {
  'signed-out': 'session.revoked',
  revoked: 'session.revoked',
  'ended-at-idp': 'session.revoked',
  idle: 'session.expired',
  expired: 'session.expired',
};

export interface SessionIdentity {
  subject: string;
  email: string;
  name: string;
  role: string;
  groups: string[];
}

export interface IdpTokens {
  accessToken?: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt?: number;
}

/** A session as read back: times in epoch milliseconds, tokens decrypted. */
export interface SessionRecord extends SessionIdentity, IdpTokens {
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  groupsRefreshedAt: number;
  endReason?: string;
}

/** 256 random bits: unguessable, and never stored as such. */
export const newSessionId = (): string => randomBytes(32).toString('base64url');
const keyOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

let key: Buffer | undefined;
const cryptoKey = () => (key ??= tokenKey(config().auth.secret));
const iso = (ms: number) => new Date(ms).toISOString();
const handleOf = async (handle?: AuditDatabase) => handle ?? (await database());

function sealTokens(tokens: IdpTokens, rowKey: string): Pick<SessionsTable, 'access_token' | 'refresh_token' | 'access_token_expires_at'> {
  return {
    access_token: tokens.accessToken ? encryptToken(tokens.accessToken, cryptoKey(), rowKey) : null,
    refresh_token: tokens.refreshToken ? encryptToken(tokens.refreshToken, cryptoKey(), rowKey) : null,
    access_token_expires_at: tokens.accessTokenExpiresAt ? iso(tokens.accessTokenExpiresAt) : null,
  };
}

/** Records a new sign-in and returns the session id for the cookie. Old ended rows are cleared on the way. */
export async function createSession(identity: SessionIdentity, tokens: IdpTokens, maxAgeSeconds: number, handle?: AuditDatabase, now = Date.now()): Promise<string> {
  const { db } = await handleOf(handle);
  const sessions = withSessions(db);
  const sessionId = newSessionId();
  const id = keyOf(sessionId);
  await sessions
    .insertInto('sessions')
    .values({
      id,
      subject: identity.subject,
      email: identity.email,
      name: identity.name,
      role: identity.role,
      groups: JSON.stringify(identity.groups),
      created_at: iso(now),
      last_seen_at: iso(now),
      expires_at: iso(now + maxAgeSeconds * 1000),
      groups_refreshed_at: iso(now),
      ...sealTokens(tokens, id),
      ended_at: null,
      end_reason: null,
    })
    .execute();
  // Past the absolute limit a row can only say "ended": a day later nobody needs it (the audit log keeps the story).
  await sessions.deleteFrom('sessions').where('expires_at', '<', iso(now - 86_400_000)).execute();
  return sessionId;
}

export async function readSession(sessionId: string, handle?: AuditDatabase): Promise<SessionRecord | undefined> {
  const { db } = await handleOf(handle);
  const id = keyOf(sessionId);
  const row = await withSessions(db).selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const time = (value: string | null) => (value ? Date.parse(value) : undefined);
  return {
    subject: row.subject,
    email: row.email,
    name: row.name,
    role: row.role,
    groups: JSON.parse(row.groups) as string[],
    createdAt: Date.parse(row.created_at),
    lastSeenAt: Date.parse(row.last_seen_at),
    expiresAt: Date.parse(row.expires_at),
    groupsRefreshedAt: Date.parse(row.groups_refreshed_at),
    accessToken: row.access_token ? decryptToken(row.access_token, cryptoKey(), id) : undefined,
    refreshToken: row.refresh_token ? decryptToken(row.refresh_token, cryptoKey(), id) : undefined,
    accessTokenExpiresAt: time(row.access_token_expires_at),
    endReason: row.ended_at ? (row.end_reason ?? 'ended') : undefined,
  };
}

/** Marks activity; callers throttle it (lib/sessions/live.ts), so this is at most a write a minute. */
export async function touchSession(sessionId: string, handle?: AuditDatabase, now = Date.now()): Promise<void> {
  const { db } = await handleOf(handle);
  await withSessions(db).updateTable('sessions').set({ last_seen_at: iso(now) }).where('id', '=', keyOf(sessionId)).where('ended_at', 'is', null).execute();
}

/** Stores groups freshly read from the identity provider, with any tokens renewed to read them. */
export async function saveGroups(sessionId: string, groups: string[], role: string, tokens: IdpTokens | undefined, handle?: AuditDatabase, now = Date.now()): Promise<void> {
  const { db } = await handleOf(handle);
  const id = keyOf(sessionId);
  await withSessions(db)
    .updateTable('sessions')
    .set({ groups: JSON.stringify(groups), role, groups_refreshed_at: iso(now), ...(tokens ? sealTokens(tokens, id) : {}) })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends one session for `reason`; true when this call ended it (and wrote the audit event). */
export async function endSession(sessionId: string, reason: EndReason, handle?: AuditDatabase, now = Date.now()): Promise<boolean> {
  return inTransaction(async (db) => {
    const sessions = withSessions(db);
    const id = keyOf(sessionId);
    const row = await sessions.selectFrom('sessions').selectAll().where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
    if (!row) return false;
    await sessions
      .updateTable('sessions')
      .set({ ended_at: iso(now), end_reason: reason, access_token: null, refresh_token: null })
      .where('id', '=', id)
      .execute();
    await appendWithin(db, { type: EVENT_OF[reason], actor: { subject: row.subject, email: row.email, name: row.name, role: row.role }, outcome: reason }, new Date(now));
    return true;
  }, await handleOf(handle));
}

/** Who ends other operators' sessions from the command line (scripts/sessions-revoke.ts). */
export const REVOKE_ACTOR = { subject: 'system:sessions-revoke', email: '', name: 'sessions:revoke command', role: 'system' };

/** Ends every live session of `subject`, with one audit event naming them and the count. */
export async function endSessionsOf(subject: string, why: string, handle?: AuditDatabase, now = Date.now()): Promise<number> {
  return inTransaction(async (db) => {
    const sessions = withSessions(db);
    const live = await sessions.selectFrom('sessions').select(['email', 'name']).where('subject', '=', subject).where('ended_at', 'is', null).execute();
    await sessions
      .updateTable('sessions')
      .set({ ended_at: iso(now), end_reason: 'revoked', access_token: null, refresh_token: null })
      .where('subject', '=', subject)
      .where('ended_at', 'is', null)
      .execute();
    await appendWithin(
      db,
      {
        type: 'session.revoked',
        actor: REVOKE_ACTOR,
        person: { id: subject, email: live[0]?.email, name: live[0]?.name },
        outcome: 'revoked',
        reason: `Ended ${live.length} session${live.length === 1 ? '' : 's'} of ${subject}${why ? `: ${why}` : ''}.`,
      },
      new Date(now),
    );
    return live.length;
  }, await handleOf(handle));
}
