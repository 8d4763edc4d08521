import 'server-only';
/**
 * The append-only audit log. Every write happens inside a transaction that reads the last hash
 * and chains the new event to it; a failure propagates, so callers fail closed.
 */
import type { Kysely, Transaction } from 'kysely';
import { database } from './db';
import { eventHash, GENESIS } from './hash';
import type { Tables } from './schema';
import type { AuditEvent, AuditEventInput } from './types';

type Db = Kysely<Tables> | Transaction<Tables>;

/** Appends one event to the chain, within the caller's transaction. */
export async function appendWithin(db: Db, event: AuditEventInput, now = new Date()): Promise<void> {
  const last = await db.selectFrom('audit_events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
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
    prev_hash: last?.hash ?? GENESIS,
  };
  await db
    .insertInto('audit_events')
    .values({ ...row, hash: eventHash(row) })
    .execute();
}

export async function appendEvent(event: AuditEventInput): Promise<void> {
  const db = await database();
  await db.transaction().execute((trx) => appendWithin(trx, event));
}

export async function inTransaction<T>(work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
  const db = await database();
  return db.transaction().execute(work);
}

const toEvent = (r: Tables['audit_events'] & { id: number }): AuditEvent => ({
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
  hash: r.hash,
});

export async function latestEvents(limit = 100): Promise<AuditEvent[]> {
  const db = await database();
  const rows = await db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => toEvent(r as Tables['audit_events'] & { id: number }));
}

export type ChainCheck = { ok: true; events: number } | { ok: false; events: number; brokenAt: number; problem: string };

/** Walks the chain from the first event; names the first event whose hash or link is wrong. */
export async function verifyChain(db?: Kysely<Tables>): Promise<ChainCheck> {
  const handle = db ?? (await database());
  let previous = GENESIS;
  let count = 0;
  const rows = await handle.selectFrom('audit_events').selectAll().orderBy('id', 'asc').execute();
  for (const row of rows) {
    count++;
    const { id, hash, ...fields } = row as Tables['audit_events'] & { id: number };
    if (fields.prev_hash !== previous) return { ok: false, events: count, brokenAt: id, problem: 'an event before it was changed or removed' };
    if (eventHash(fields) !== hash) return { ok: false, events: count, brokenAt: id, problem: 'this event was changed' };
    previous = hash;
  }
  return { ok: true, events: count };
}
