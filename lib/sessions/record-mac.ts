/**
 * An integrity check on each session record (docs/security.md, "Sessions"): HMAC-SHA256 under a
 * key derived from NEXTAUTH_SECRET with HKDF, over the row id and every column that decides who
 * the operator is and whether the session is still live. Write access to the database alone
 * therefore cannot grant groups, stretch a session's life or revive it: the row stops verifying.
 * An ended row carries ENDED_MAC instead, which no key produces, so ending needs no key.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { SessionsTable } from './schema';

/** What an ended session's `mac` column holds; clearing `ended_at` alone does not bring it back. */
export const ENDED_MAC = 'ended';

/** The columns the MAC covers, as stored (ISO text times, groups as JSON text). */
export type MacFields = Pick<
  SessionsTable,
  'id' | 'subject' | 'email' | 'name' | 'role' | 'groups' | 'created_at' | 'expires_at' | 'groups_refreshed_at' | 'last_seen_at'
>;

export function recordMacKey(secret: string): Buffer {
  // A distinct label from the token encryption key (lib/sessions/token-crypto.ts): one key, one purpose.
  return Buffer.from(hkdfSync('sha256', secret, '', 'session-record-integrity', 32));
}

export function recordMac(row: MacFields, key: Buffer): string {
  // A JSON array is an unambiguous encoding: no value can run into the next.
  const fields = [
    row.id,
    row.subject,
    row.email,
    row.name,
    row.role,
    row.groups,
    row.created_at,
    row.expires_at,
    row.groups_refreshed_at,
    row.last_seen_at,
  ];
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest('base64url');
}

export function macVerifies(row: MacFields, mac: string | null, key: Buffer): boolean {
  if (!mac || mac === ENDED_MAC) return false;
  const expected = Buffer.from(recordMac(row, key));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
