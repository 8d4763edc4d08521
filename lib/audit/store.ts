import 'server-only';
/**
 * The append-only audit log. Every write happens inside a transaction that holds the log's write
 * lock, reads the last hash and chains the new event to it; a failure propagates, so callers fail
 * closed. Every function takes the database explicitly or uses the process's (DATABASE_URL).
 */
import type { Kysely } from 'kysely';
import { config } from '../config';
import { log } from '../log';
import { database, writeTransaction, type AuditDatabase } from './db';
import { eventHash, GENESIS, type ChainKey } from './hash';
import { auditKey } from './key';
import type { AuditEventsTable, Tables } from './schema';
import type { AuditEvent, AuditEventInput } from './types';

/** An event as its row, linked after `prevHash` and keyed: the one mapping from event to stored fields. */
export function eventRow(event: AuditEventInput, now: Date, prevHash: string, key: ChainKey = auditKey()): Omit<AuditEventsTable, 'id'> {
  const row = {
    time: now.toISOString(),
    type: event.type,
    actor_subject: event.actor.subject,
    actor_email: event.actor.email,
    actor_name: event.actor.name,
    actor_role: event.actor.role,
    organization_id: event.organizationId ?? null,
    person_id: event.person?.id ?? null,
    person_email: event.person?.email ?? null,
    person_name: event.person?.name ?? null,
    outcome: event.outcome,
    error_code: event.errorCode ?? null,
    request_id: event.requestId ?? null,
    reason: event.reason ?? null,
    client_ip: event.clientIp ?? null,
    user_agent: event.userAgent?.slice(0, 512) ?? null,
    prev_hash: prevHash,
    checkpoint_hash: event.checkpointHash ?? null,
    hash_key: key.fingerprint,
    repeat_count: event.repeatCount ?? null,
    provider_code: event.providerCode ?? null,
    require_change: event.requireChange ?? null,
    role_session: event.roleSession?.kind ?? null,
    role_arn: event.roleSession?.kind === 'role' ? event.roleSession.role : null,
    source_identity: event.roleSession?.kind === 'role' ? event.roleSession.identity : null,
    wave_id: event.waveId ?? null,
  };
  return { ...row, hash: eventHash(row, key) };
}

/** True when the ids from `previousId` (exclusive) to `id` pass a multiple of `every`: ids may skip, never repeat. */
export const passesMultiple = (previousId: number, id: number, every: number): boolean =>
  Math.floor(id / every) > Math.floor(previousId / every);

/** Appends one event to the chain. Only inside writeTransaction/inTransaction, which hold the lock. */
export async function appendWithin(db: Kysely<Tables>, event: AuditEventInput, now = new Date()): Promise<void> {
  const last = await db.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row = eventRow(event, now, last?.hash ?? GENESIS);
  const { id } = await db.insertInto('audit_events').values(row).returning('id').executeTakeFirstOrThrow();
  // A copy of the head outside the database (a log shipper keeps it) lets `audit:verify
  // --expect-head` notice a log rewritten wholesale, which the chain alone cannot show.
  if (passesMultiple(last?.id ?? 0, id, config().auditHeadLogEvery))
    log.info({ auditHead: row.hash, auditEventId: id }, 'audit chain head');
}

export async function inTransaction<T>(work: (db: Kysely<Tables>) => Promise<T>, handle?: AuditDatabase): Promise<T> {
  return writeTransaction(handle ?? (await database()), work);
}

export async function appendEvent(event: AuditEventInput, handle?: AuditDatabase): Promise<void> {
  await inTransaction((db) => appendWithin(db, event), handle);
}

export type EventRow = AuditEventsTable & { id: number };

export const toEvent = (r: EventRow): AuditEvent => ({
  id: r.id,
  time: r.time,
  type: r.type as AuditEvent['type'],
  actorSubject: r.actor_subject,
  actorEmail: r.actor_email,
  actorName: r.actor_name,
  actorRole: r.actor_role,
  organizationId: r.organization_id,
  personId: r.person_id,
  personEmail: r.person_email,
  personName: r.person_name,
  outcome: r.outcome,
  errorCode: r.error_code,
  requestId: r.request_id,
  reason: r.reason,
  clientIp: r.client_ip,
  userAgent: r.user_agent,
  prevHash: r.prev_hash,
  checkpointHash: r.checkpoint_hash,
  repeatCount: r.repeat_count,
  providerCode: r.provider_code,
  requireChange: r.require_change,
  roleSession: r.role_session,
  roleArn: r.role_arn,
  sourceIdentity: r.source_identity,
  waveId: r.wave_id,
  hash: r.hash,
});

export async function latestEvents(limit = 100, handle?: AuditDatabase): Promise<AuditEvent[]> {
  const { db } = handle ?? (await database());
  const rows = await db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => toEvent(r as EventRow));
}

/** Reads the whole log in id order, a batch at a time, so memory stays flat however long it is. */
export async function* allRows(db: Kysely<Tables>, batch = 1000): AsyncGenerator<EventRow> {
  let after = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id', 'asc')
      .limit(batch)
      .execute()) as EventRow[];
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}

export type ChainCheck =
  | {
      ok: true;
      events: number;
      head: string;
      /** How many events are keyed; the ones before them are from before AUDIT_HMAC_KEY. */
      keyed: number;
      /** Where the `expectHead` hash was found: an event's id, or the retention cut that removed it. */
      expected?: { at: number; after: number } | { cutAt: number };
    }
  | { ok: false; events: number; brokenAt?: number; problem: string };

export interface VerifyOptions {
  key?: ChainKey;
  /** When the key is the process's own generated one, a log with no keyed event is no sign of a rewrite. */
  requireKeyed?: boolean;
  /** A head hash kept outside the database: the chain must still contain it. */
  expectHead?: string;
}

/**
 * Walks the chain from the first event and names the first event whose hash or link is wrong.
 * The first event links to the genesis hash, or, after a retention purge, to the hash that the
 * purge's own (chained) checkpoint event recorded. Events from before keying verify with plain
 * SHA-256; once one event is keyed, every later one must be keyed with the same key, and a log
 * whose events are all unkeyed fails when a key is required: rewriting the whole log without the
 * key would otherwise pass.
 */
export async function verifyChain(handle?: AuditDatabase, options: VerifyOptions = {}): Promise<ChainCheck> {
  const { db } = handle ?? (await database());
  const key = options.key ?? auditKey();
  const requireKeyed = options.requireKeyed ?? !config().auditHmacKeyGenerated;
  let previous: { id: number; hash: string } | undefined;
  let start: { id: number; prevHash: string } | undefined;
  const checkpoints = new Map<string, number>();
  let count = 0;
  let keyed = 0;
  let expected: { at: number; after: number } | undefined;
  for await (const row of allRows(db)) {
    count++;
    const { id, hash, ...fields } = row;
    if (!previous) start = { id, prevHash: fields.prev_hash };
    else if (fields.prev_hash !== previous.hash) {
      return {
        ok: false,
        events: count,
        brokenAt: id,
        problem: `it does not follow event ${previous.id}: that event was changed, or events between them were removed`,
      };
    }
    if (fields.hash_key == null && keyed > 0) {
      return {
        ok: false,
        events: count,
        brokenAt: id,
        problem: 'this event is not keyed, though events before it are: it was changed without the key',
      };
    }
    if (fields.hash_key != null && fields.hash_key !== key.fingerprint) {
      return {
        ok: false,
        events: count,
        brokenAt: id,
        problem: `this event is keyed with another AUDIT_HMAC_KEY (fingerprint ${fields.hash_key}; the key given has ${key.fingerprint}): set the key the portal writes with`,
      };
    }
    if (eventHash(fields, key) !== hash) return { ok: false, events: count, brokenAt: id, problem: 'this event was changed' };
    if (fields.hash_key != null) keyed++;
    if (fields.type === 'audit.purged' && fields.checkpoint_hash) checkpoints.set(fields.checkpoint_hash, id);
    if (hash === options.expectHead) expected = { at: id, after: 0 };
    else if (expected) expected.after++;
    previous = { id, hash };
  }
  if (start && start.prevHash !== GENESIS && !checkpoints.has(start.prevHash)) {
    return { ok: false, events: count, brokenAt: start.id, problem: 'events before it were removed without a retention checkpoint' };
  }
  if (requireKeyed && count > 0 && keyed === 0) {
    return {
      ok: false,
      events: count,
      problem:
        'no event is keyed with AUDIT_HMAC_KEY: the portal keys every event it writes, so either none was written since the key was set, or the log was rewritten without it',
    };
  }
  const head = previous?.hash ?? GENESIS;
  if (options.expectHead !== undefined && !expected) {
    const cutAt = checkpoints.get(options.expectHead);
    if (cutAt !== undefined) return { ok: true, events: count, head, keyed, expected: { cutAt } };
    return {
      ok: false,
      events: count,
      problem: `the expected head hash ${options.expectHead} is not in the chain: the log was rewritten or cut short since that head was recorded`,
    };
  }
  return { ok: true, events: count, head, keyed, ...(expected ? { expected } : {}) };
}
