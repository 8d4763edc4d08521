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
  /** The migration wave an event belongs to (migration 012, docs/migrations.md). */
  wave_id: string | null;
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

/** A migration wave (migration 012, lib/migrations/store.ts). Times are ISO text. */
export interface MigrationWavesTable {
  id: string;
  name: string;
  organization_id: string;
  source: string;
  format: string;
  freeze_from: string;
  freeze_until: string;
  state: string;
  created_by: string;
  created_by_name: string;
  created_at: string;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  /** The admin who started the run: each person's events name them as the operator. */
  started_by: string | null;
  started_by_email: string | null;
  started_by_name: string | null;
  started_at: string | null;
  finished_at: string | null;
  /** The process running the wave, and until when its lease holds (lib/migrations/run.ts). */
  runner_id: string | null;
  runner_lease_until: string | null;
  export_expires_at: string | null;
  exported_by: string | null;
  exported_at: string | null;
}

/** One person of a wave: its state is where a resumed run continues (lib/migrations/run.ts). */
export interface MigrationWavePeopleTable {
  wave_id: string;
  position: number;
  person_id: string | null;
  username: string;
  email: string | null;
  display_name: string;
  state: string;
  reason: string | null;
  /** The generated password, sealed (lib/migrations/secret-box.ts) until its one download or its deadline. */
  secret: string | null;
  request_id: string | null;
  claimed_at: string | null;
  finished_at: string | null;
}

export interface Tables {
  audit_events: AuditEventsTable;
  audit_repeats: AuditRepeatsTable;
  migration_waves: MigrationWavesTable;
  migration_wave_people: MigrationWavePeopleTable;
}
