import 'server-only';
/**
 * Server-side session records in the audit database, so every instance sees a sign-out or a
 * revocation (docs/security.md, "Sessions"). The cookie carries a random session id; the table
 * keeps only its SHA-256. Ending a session and writing its audit event is one transaction, and
 * only the first of several concurrent enders writes the event. Every row carries an HMAC
 * (lib/sessions/record-mac.ts): a row edited by anyone but the portal reads as no session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import { database, type AuditDatabase } from '../audit/db';
import { appendWithin, inTransaction } from '../audit/store';
import type { AuditEventType } from '../audit/types';
import { config } from '../config';
import { log } from '../log';
import { ENDED_MAC, macVerifies, recordMac, recordMacKey } from './record-mac';
import { withSessions, type SessionTables, type SessionsTable } from './schema';
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
let integrityKey: Buffer | undefined;
const macKey = () => (integrityKey ??= recordMacKey(config().auth.secret));
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
export async function createSession(
  identity: SessionIdentity,
  tokens: IdpTokens,
  maxAgeSeconds: number,
  handle?: AuditDatabase,
  now = Date.now(),
): Promise<string> {
  const { db } = await handleOf(handle);
  const sessions = withSessions(db);
  const sessionId = newSessionId();
  const id = keyOf(sessionId);
  const fields = {
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
  };
  await sessions
    .insertInto('sessions')
    .values({ ...fields, ...sealTokens(tokens, id), ended_at: null, end_reason: null, mac: recordMac(fields, macKey()) })
    .execute();
  // Past the absolute limit a row can only say "ended": a day later nobody needs it (the audit log keeps the story).
  await sessions
    .deleteFrom('sessions')
    .where('expires_at', '<', iso(now - 86_400_000))
    .execute();
  return sessionId;
}

export async function readSession(sessionId: string, handle?: AuditDatabase): Promise<SessionRecord | undefined> {
  const { db } = await handleOf(handle);
  const id = keyOf(sessionId);
  const row = await withSessions(db).selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  // Ended by the portal ('ended' stays when ended_at is cleared), or from before migration 006.
  const ended = row.ended_at !== null || row.mac === null || row.mac === ENDED_MAC;
  if (!ended && !macVerifies(row, row.mac, macKey())) {
    // Edited outside the portal (or under another NEXTAUTH_SECRET): nothing in it can be trusted.
    log.warn({ sessionKey: id.slice(0, 12) }, 'session record failed its integrity check: treated as ended');
    return undefined;
  }
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
    accessToken: row.access_token && !ended ? decryptToken(row.access_token, cryptoKey(), id) : undefined,
    refreshToken: row.refresh_token && !ended ? decryptToken(row.refresh_token, cryptoKey(), id) : undefined,
    accessTokenExpiresAt: time(row.access_token_expires_at),
    endReason: ended ? (row.end_reason ?? 'ended') : undefined,
  };
}

type Change = Partial<Omit<SessionsTable, 'id' | 'mac' | 'ended_at' | 'end_reason'>>;

/**
 * Changes a live row and its MAC together. Only a row that verifies is rewritten (a MAC is never
 * put on someone else's edit), and only if its MAC is still the one read: when another instance
 * wrote in between, read again, so neither write undoes the other or leaves a MAC over stale values.
 */
async function rewrite(db: AuditDatabase['db'], id: string, change: Change): Promise<void> {
  const sessions = withSessions(db);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await sessions.selectFrom('sessions').selectAll().where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
    if (!row || !macVerifies(row, row.mac, macKey())) return;
    const mac = recordMac({ ...row, ...change }, macKey());
    const result = await sessions
      .updateTable('sessions')
      .set({ ...change, mac })
      .where('id', '=', id)
      .where('mac', '=', row.mac)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) return;
  }
  throw new Error('session record kept changing while it was being written');
}

/** Marks activity; callers throttle it (lib/sessions/live.ts), so this is at most a write a minute. */
export async function touchSession(sessionId: string, handle?: AuditDatabase, now = Date.now()): Promise<void> {
  const { db } = await handleOf(handle);
  await rewrite(db, keyOf(sessionId), { last_seen_at: iso(now) });
}

/** Stores groups freshly read from the identity provider, with any tokens renewed to read them. */
export async function saveGroups(
  sessionId: string,
  groups: string[],
  role: string,
  tokens: IdpTokens | undefined,
  handle?: AuditDatabase,
  now = Date.now(),
): Promise<void> {
  const { db } = await handleOf(handle);
  const id = keyOf(sessionId);
  await rewrite(db, id, { groups: JSON.stringify(groups), role, groups_refreshed_at: iso(now), ...(tokens ? sealTokens(tokens, id) : {}) });
}

/** A row whose ended_at was cleared by hand is still ended: it is not ended (nor audited) twice. */
const notEnded = (eb: ExpressionBuilder<SessionTables, 'sessions'>) => eb.or([eb('mac', 'is', null), eb('mac', '!=', ENDED_MAC)]);

/** Ends one session for `reason`; true when this call ended it (and wrote the audit event). */
export async function endSession(sessionId: string, reason: EndReason, handle?: AuditDatabase, now = Date.now()): Promise<boolean> {
  return inTransaction(
    async (db) => {
      const sessions = withSessions(db);
      const id = keyOf(sessionId);
      const row = await sessions
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .where(notEnded)
        .executeTakeFirst();
      if (!row) return false;
      await sessions
        .updateTable('sessions')
        .set({ ended_at: iso(now), end_reason: reason, access_token: null, refresh_token: null, mac: ENDED_MAC })
        .where('id', '=', id)
        .execute();
      // A row edited outside the portal still ends, but the event says its names are the edit's, not the sign-in's.
      const edited = row.mac !== null && !macVerifies(row, row.mac, macKey());
      const note = edited
        ? { reason: 'The session record had been edited outside the portal; the actor is as the edited row named it.' }
        : {};
      await appendWithin(
        db,
        {
          type: EVENT_OF[reason],
          actor: { subject: row.subject, email: row.email, name: row.name, role: row.role },
          outcome: reason,
          ...note,
        },
        new Date(now),
      );
      return true;
    },
    await handleOf(handle),
  );
}

/** Who ends other operators' sessions from the command line (scripts/sessions-revoke.ts). */
export const REVOKE_ACTOR = { subject: 'system:sessions-revoke', email: '', name: 'sessions:revoke command', role: 'system' };

/** Ends every live session of `subject`, with one audit event naming them and the count. */
export async function endSessionsOf(subject: string, why: string, handle?: AuditDatabase, now = Date.now()): Promise<number> {
  return inTransaction(
    async (db) => {
      const sessions = withSessions(db);
      const live = await sessions
        .selectFrom('sessions')
        .select(['email', 'name'])
        .where('subject', '=', subject)
        .where('ended_at', 'is', null)
        .where(notEnded)
        .execute();
      // Needs no key: 'ended' is what any ended row carries, so this command runs without NEXTAUTH_SECRET.
      await sessions
        .updateTable('sessions')
        .set({ ended_at: iso(now), end_reason: 'revoked', access_token: null, refresh_token: null, mac: ENDED_MAC })
        .where('subject', '=', subject)
        .where('ended_at', 'is', null)
        .where(notEnded)
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
    },
    await handleOf(handle),
  );
}
