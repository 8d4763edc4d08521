import type { Generated } from 'kysely';

export interface AuditEventsTable {
  id: Generated<number>;
  time: string;
  type: string;
  actor_subject: string;
  actor_email: string;
  actor_name: string;
  actor_role: string;
  organization_id: string | null;
  person_id: string | null;
  person_email: string | null;
  person_name: string | null;
  outcome: string;
  error_code: string | null;
  request_id: string | null;
  reason: string | null;
  client_ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  /** Only on a purge's checkpoint event: the hash of the last event the purge removed. */
  checkpoint_hash: string | null;
  /** The fingerprint of the key whose HMAC is `hash` (lib/audit/hash.ts); null on events from before keying. */
  hash_key: string | null;
  hash: string;
}

export interface Tables {
  audit_events: AuditEventsTable;
}
