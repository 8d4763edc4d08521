/**
 * The hash chain: each event's hash covers the previous event's hash and every field of the
 * event, so editing or deleting a row breaks verification from that row on (DESIGN.md §9).
 */
import { createHash } from 'node:crypto';
import type { AuditEventsTable } from './schema';

export const GENESIS = '0'.repeat(64);

type Hashed = Omit<AuditEventsTable, 'id' | 'hash'>;

const FIELDS: Array<keyof Hashed> = [
  'time', 'type', 'actor_subject', 'actor_email', 'actor_name', 'actor_role', 'organization_id', 'person_id',
  'person_email', 'person_name', 'outcome', 'error_code', 'request_id', 'reason', 'client_ip', 'user_agent', 'prev_hash',
];

/** Fields added after the first release join the hash only when set, so older chains still verify. */
const LATER_FIELDS: Array<keyof Hashed> = ['checkpoint_hash', 'repeat_count'];

export function eventHash(row: Hashed): string {
  const values: unknown[] = FIELDS.map((f) => row[f] ?? null);
  for (const f of LATER_FIELDS) if (row[f] != null) values.push([f, row[f]]);
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}
