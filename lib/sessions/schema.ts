import type { Kysely } from 'kysely';
import type { Tables } from '../audit/schema';

/** One sign-in (migration 003_sessions). Times are ISO 8601 UTC text, as in audit_events. */
export type SessionsTable = {
  /** SHA-256 of the session id the cookie carries: the table alone names no usable session. */
  id: string;
  subject: string;
  email: string;
  name: string;
  /** The role the groups gave when they were last read; only for audit events about the session. */
  role: string;
  /** The groups claim as a JSON array, as last read from the identity provider. */
  groups: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  groups_refreshed_at: string;
  /** Encrypted (lib/sessions/token-crypto.ts); cleared when the session ends. */
  access_token: string | null;
  refresh_token: string | null;
  access_token_expires_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
  /** HMAC over the identity and times (migration 006, lib/sessions/record-mac.ts); 'ended' once ended, null before 006. */
  mac: string | null;
};

// Type aliases, not interfaces: kysely's withTables wants record types.
export type SessionTables = { sessions: SessionsTable };

/** The audit database's handle seen with the sessions table too (it lives in the same database). */
export const withSessions = (db: Kysely<Tables>) => db.withTables<SessionTables>();
