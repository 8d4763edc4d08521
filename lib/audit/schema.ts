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
  /** Only on a summary of identical refusals: how many were counted instead of written (lib/audit/repeats.ts). */
  repeat_count: number | null;
  /** The directory's own name for a failure, beside the portal's code in error_code (docs/errors.md). */
  provider_code: string | null;
  /** On a succeeded reset: applied, refused, not-asked or unsupported (migration 009). */
  require_change: string | null;
  /** On a reset's outcome: 'role' (ran under a role session naming the operator) or 'portal' (migration 011). */
  role_session: string | null;
  role_arn: string | null;
  source_identity: string | null;
  hash: string;
}

export interface AuditRepeatsTable {
  repeat_key: string;
  window_start: string;
  repeats: number;
  first_time: string;
  last_time: string;
  /** The first counted event (JSON), the template of the summary. */
  event: string;
  /** HMAC under the audit key over every other column (lib/audit/repeats.ts); null on rows from before 007. */
  mac: string | null;
}

export interface Tables {
  audit_events: AuditEventsTable;
  audit_repeats: AuditRepeatsTable;
}
