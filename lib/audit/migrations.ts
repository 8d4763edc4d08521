import { PostgresAdapter, sql, type Kysely } from 'kysely';

const onPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Forward-only migrations, applied in name order at start, the same on SQLite and PostgreSQL. */
export const MIGRATIONS = {
  '001_audit_events': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'integer', (c) =>
          // Ids only grow: the chain's order. SQLite's AUTOINCREMENT never reuses one; PostgreSQL's identity neither.
          onPostgres(db) ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor_subject', 'text', (c) => c.notNull())
        .addColumn('actor_email', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text')
        .addColumn('person_id', 'text')
        .addColumn('person_email', 'text')
        .addColumn('person_name', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('request_id', 'text')
        .addColumn('reason', 'text')
        .addColumn('client_ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      // The rate limits count recent requests per operator and per person.
      await sql`create index audit_by_actor on audit_events (type, actor_subject, time)`.execute(db);
      await sql`create index audit_by_person on audit_events (type, organization_id, person_id, time)`.execute(db);
    },
  },
  '002_retention': {
    async up(db: Kysely<unknown>) {
      // A purge's checkpoint event records the hash of the last event it removed (lib/audit/retention.ts).
      await db.schema.alterTable('audit_events').addColumn('checkpoint_hash', 'text').execute();
      // Date filters on /audit and the retention cut read by time.
      await sql`create index audit_by_time on audit_events (time)`.execute(db);
    },
  },
  '003_sessions': {
    async up(db: Kysely<unknown>) {
      // Server-side session records (lib/sessions): sign-out, revocation and idle expiry end them
      // for every instance. Times are ISO text, as in audit_events; tokens are encrypted at rest.
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('groups_refreshed_at', 'text', (c) => c.notNull())
        .addColumn('access_token', 'text')
        .addColumn('refresh_token', 'text')
        .addColumn('access_token_expires_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('end_reason', 'text')
        .execute();
      await sql`create index sessions_by_subject on sessions (subject)`.execute(db);
      await sql`create index sessions_by_expiry on sessions (expires_at)`.execute(db);
    },
  },
  '004_audit_repeats': {
    async up(db: Kysely<unknown>) {
      // A summary event's count of identical refusals that were counted, not written one by one (lib/audit/repeats.ts).
      await db.schema.alterTable('audit_events').addColumn('repeat_count', 'integer').execute();
      // Those counts while their minute is open; one row per (kind of refusal, minute), shared by every instance.
      await db.schema
        .createTable('audit_repeats')
        .addColumn('repeat_key', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('repeats', 'integer', (c) => c.notNull())
        .addColumn('first_time', 'text', (c) => c.notNull())
        .addColumn('last_time', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_repeats_pk', ['repeat_key', 'window_start'])
        .execute();
    },
  },
  '005_audit_hash_key': {
    async up(db: Kysely<unknown>) {
      // Keyed events record their key's fingerprint; null marks the plain SHA-256 events before keying (lib/audit/hash.ts).
      await db.schema.alterTable('audit_events').addColumn('hash_key', 'text').execute();
    },
  },
  '006_session_mac': {
    async up(db: Kysely<unknown>) {
      // Each session row's HMAC, or 'ended' once it has ended (lib/sessions/record-mac.ts). Rows from
      // before this migration have none and count as ended: their operators must sign in again.
      await db.schema.alterTable('sessions').addColumn('mac', 'text').execute();
    },
  },
  '007_audit_repeats_mac': {
    async up(db: Kysely<unknown>) {
      // A pending count is outside the chain: its HMAC under the audit key shows it was written by the portal (lib/audit/repeats.ts).
      await db.schema.alterTable('audit_repeats').addColumn('mac', 'text').execute();
    },
  },
  '008_provider_code': {
    async up(db: Kysely<unknown>) {
      // The directory's own name for a failure (docs/errors.md); `error_code` holds the portal's neutral code.
      // Rows from before keep what they stored in error_code, and their hashes (the column joins the hash only when set).
      await db.schema.alterTable('audit_events').addColumn('provider_code', 'text').execute();
    },
  },
  '009_require_change': {
    async up(db: Kysely<unknown>) {
      // On a succeeded reset: whether the person must choose their own password at next sign-in
      // (applied, refused, not-asked, unsupported). An operator who unticks it knows a lasting password.
      await db.schema.alterTable('audit_events').addColumn('require_change', 'text').execute();
    },
  },
  '010_handover': {
    async up(db: Kysely<unknown>) {
      // One-time links (lib/handover, docs/handover.md): the password sealed with HANDOVER_KEY until
      // it is revealed or expires, then only the facts (who, when, opened) until the row is purged.
      // The link's token is stored as its SHA-256 only.
      await db.schema
        .createTable('handovers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.unique())
        .addColumn('sealed', 'text')
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('actor_subject', 'text', (c) => c.notNull())
        .addColumn('actor_email', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('person_email', 'text')
        .addColumn('person_name', 'text')
        .addColumn('sign_in_name', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('reset_at', 'text', (c) => c.notNull())
        .addColumn('link_created_at', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revealed_at', 'text')
        .addColumn('expired_at', 'text')
        .execute();
      await sql`create index handovers_by_person on handovers (organization_id, person_id, link_created_at)`.execute(db);
      await sql`create index handovers_by_expiry on handovers (expires_at)`.execute(db);
      // Reveal attempts per client address and quarter hour (lib/handover/attempts.ts).
      await db.schema
        .createTable('handover_attempts')
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('handover_attempts_pk', ['address', 'window_start'])
        .execute();
    },
  },
  '011_role_session': {
    async up(db: Kysely<unknown>) {
      // On a reset's outcome: whether it ran under a role session that names the operator in the
      // directory's own log ('role' or 'portal'), that role and the source identity it carried, so
      // the portal's audit and CloudTrail can be joined (docs/cloudtrail.md).
      await db.schema.alterTable('audit_events').addColumn('role_session', 'text').execute();
      await db.schema.alterTable('audit_events').addColumn('role_arn', 'text').execute();
      await db.schema.alterTable('audit_events').addColumn('source_identity', 'text').execute();
    },
  },
  '012_migration_waves': {
    async up(db: Kysely<unknown>) {
      // The wave an event belongs to: each person's reset in a wave is audited like a single one, with this set.
      await db.schema.alterTable('audit_events').addColumn('wave_id', 'text').execute();
      // Migration waves (lib/migrations, docs/migrations.md): one row per wave, its four-eyes steps and its one export.
      await db.schema
        .createTable('migration_waves')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('freeze_from', 'text', (c) => c.notNull())
        .addColumn('freeze_until', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_by_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_by_name', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('cancelled_by', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('started_by', 'text')
        .addColumn('started_by_email', 'text')
        .addColumn('started_by_name', 'text')
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('runner_id', 'text')
        .addColumn('runner_lease_until', 'text')
        .addColumn('export_expires_at', 'text')
        .addColumn('exported_by', 'text')
        .addColumn('exported_at', 'text')
        .execute();
      // One row per person: its state is the run's resume point (pending → claimed → succeeded | failed),
      // claimed in a transaction before the directory is called, so a restart never resets anyone twice.
      await db.schema
        .createTable('migration_wave_people')
        .addColumn('wave_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('secret', 'text')
        .addColumn('request_id', 'text')
        .addColumn('claimed_at', 'text')
        .addColumn('finished_at', 'text')
        .addPrimaryKeyConstraint('migration_wave_people_pk', ['wave_id', 'position'])
        .execute();
      // The freeze check of every single reset looks a person up by id.
      await sql`create index wave_people_by_person on migration_wave_people (person_id)`.execute(db);
    },
  },
  '013_attempt_index': {
    async up(db: Kysely<unknown>) {
      // The audit page shows a reset's request and its outcome as one row (lib/audit/query.ts): for
      // each request it asks for the same operator's next request or outcome for that person. This
      // partial index answers that with one range read instead of a scan of the person's events.
      await sql`create index audit_attempts on audit_events (organization_id, person_id, actor_subject, id)
        where type in ('password.reset.requested', 'password.reset.succeeded', 'password.reset.failed')`.execute(db);
    },
  },
};
