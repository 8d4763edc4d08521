/**
 * The hash chain: each event's hash covers the previous event's hash and every field of the
 * event, so editing or deleting a row breaks verification from that row on (docs/security.md, "Audit chain").
 * Events are keyed: their hash is an HMAC with AUDIT_HMAC_KEY, so someone who can write the
 * database but does not hold the key cannot recompute the chain after rewriting it. Events
 * written before the key was introduced keep their plain SHA-256 hash (their hash_key is null).
 */
import { createHash, createHmac } from 'node:crypto';
import type { AuditEventsTable } from './schema';

export const GENESIS = '0'.repeat(64);

type Hashed = Omit<AuditEventsTable, 'id' | 'hash'>;

const FIELDS: Array<keyof Hashed> = [
  'time',
  'type',
  'actor_subject',
  'actor_email',
  'actor_name',
  'actor_role',
  'organization_id',
  'person_id',
  'person_email',
  'person_name',
  'outcome',
  'error_code',
  'request_id',
  'reason',
  'client_ip',
  'user_agent',
  'prev_hash',
];

/** Fields added after the first release join the hash only when set, so older chains still verify. */
const LATER_FIELDS: Array<keyof Hashed> = [
  'checkpoint_hash',
  'hash_key',
  'repeat_count',
  'provider_code',
  'require_change',
  'role_session',
  'role_arn',
  'source_identity',
  'wave_id',
];

/** The key that chains events, and its fingerprint: stored with each keyed event, it names the key without revealing it. */
export interface ChainKey {
  secret: string;
  fingerprint: string;
}

export function chainKey(secret: string): ChainKey {
  return { secret, fingerprint: createHmac('sha256', secret).update('audit-chain-key-fingerprint').digest('hex').slice(0, 16) };
}

/** The event's hash: an HMAC with `key` when the row is keyed (hash_key set), else plain SHA-256. */
export function eventHash(row: Hashed, key?: ChainKey): string {
  const values: unknown[] = FIELDS.map((f) => row[f] ?? null);
  for (const f of LATER_FIELDS) if (row[f] != null) values.push([f, row[f]]);
  const text = JSON.stringify(values);
  if (row.hash_key == null) return createHash('sha256').update(text).digest('hex');
  if (!key || key.fingerprint !== row.hash_key) throw new Error(`event keyed with key ${row.hash_key}, not with the key given`);
  return createHmac('sha256', key.secret).update(text).digest('hex');
}
