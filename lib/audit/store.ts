import 'server-only';
/**
 * The append-only audit log. Every write happens inside a transaction that holds the log's write
 * lock, reads the last hash and chains the new event to it; a failure propagates, so callers fail
 * closed. Every function takes the database explicitly or uses the process's (DATABASE_URL).
 */
import type { Kysely } from 'kysely';
import { database, writeTransaction, type AuditDatabase } from './db';
import { eventHash, GENESIS } from './hash';
import type { AuditEventsTable, Tables } from './schema';
import type { AuditEvent, AuditEventInput } from './types';

/** An event as its row, linked after `prevHash`: the one mapping from event to stored fields. */
export function eventRow(event: AuditEventInput, now: Date, prevHash: string): Omit<AuditEventsTable, 'id'> {
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
    repeat_count: event.repeatCount ?? null,
  };
  return { ...row, hash: eventHash(row) };
}

/** Appends one event to the chain. Only inside writeTransaction/inTransaction, which hold the lock. */
export async function appendWithin(db: Kysely<Tables>, event: AuditEventInput, now = new Date()): Promise<void> {
  const last = await db.selectFrom('audit_events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  await db
    .insertInto('audit_events')
    .values(eventRow(event, now, last?.hash ?? GENESIS))
    .execute();
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
    const rows = (await db.selectFrom('audit_events').selectAll().where('id', '>', after).orderBy('id', 'asc').limit(batch).execute()) as EventRow[];
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}

export type ChainCheck =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; problem: string };

/**
 * Walks the chain from the first event and names the first event whose hash or link is wrong.
 * The first event links to the genesis hash, or, after a retention purge, to the hash that the
 * purge's own (chained) checkpoint event recorded.
 */
export async function verifyChain(handle?: AuditDatabase): Promise<ChainCheck> {
  const { db } = handle ?? (await database());
  let previous: { id: number; hash: string } | undefined;
  let start: { id: number; prevHash: string } | undefined;
  const checkpoints = new Set<string>();
  let count = 0;
  for await (const row of allRows(db)) {
    count++;
    const { id, hash, ...fields } = row;
    if (!previous) start = { id, prevHash: fields.prev_hash };
    else if (fields.prev_hash !== previous.hash) {
      return { ok: false, events: count, brokenAt: id, problem: `it does not follow event ${previous.id}: that event was changed, or events between them were removed` };
    }
    if (eventHash(fields) !== hash) return { ok: false, events: count, brokenAt: id, problem: 'this event was changed' };
    if (fields.type === 'audit.purged' && fields.checkpoint_hash) checkpoints.add(fields.checkpoint_hash);
    previous = { id, hash };
  }
  if (start && start.prevHash !== GENESIS && !checkpoints.has(start.prevHash)) {
    return { ok: false, events: count, brokenAt: start.id, problem: 'events before it were removed without a retention checkpoint' };
  }
  return { ok: true, events: count, head: previous?.hash ?? GENESIS };
}
