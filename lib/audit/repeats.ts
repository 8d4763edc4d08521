import 'server-only';
/**
 * Bounded refusals (docs/decisions/007-refusals-and-lookups.md). A refusal is written to the chain
 * like any event until REPEAT_LIMIT identical ones (same event type, operator, reason code,
 * organization and person) stand in the same clock minute; beyond that it is only counted, in
 * `audit_repeats`. Once the minute has closed, the next bounded write chains one summary event
 * for it, carrying the count (`repeat_count`). Counting happens inside the log's write lock
 * (writeTransaction), so several instances on one PostgreSQL share one exact count.
 */
import { sql, type Kysely } from 'kysely';
import type { AuditDatabase } from './db';
import type { Tables } from './schema';
import { appendWithin, inTransaction } from './store';
import type { AuditEventInput } from './types';

export const REPEAT_LIMIT = 30;
const WINDOW_MS = 60_000;

const windowOf = (time: Date) => new Date(Math.floor(time.getTime() / WINDOW_MS) * WINDOW_MS).toISOString();
const repeatKey = (e: AuditEventInput) => JSON.stringify([e.type, e.actor.subject, e.errorCode ?? null, e.organizationId ?? null, e.person?.id ?? null]);

/** Appends a refusal, or counts it when the minute already holds REPEAT_LIMIT identical ones. */
export async function appendBounded(event: AuditEventInput, now = new Date(), handle?: AuditDatabase): Promise<'written' | 'counted'> {
  return inTransaction((db) => appendBoundedWithin(db, event, now), handle);
}

/** Chains the summaries of every closed minute (also run by each bounded write). */
export async function flushRepeats(now = new Date(), handle?: AuditDatabase): Promise<number> {
  return inTransaction((db) => flushWithin(db, now), handle);
}

/** The same inside a write transaction the caller already holds (the rate limits' own). */
export async function appendBoundedWithin(db: Kysely<Tables>, event: AuditEventInput, now = new Date()): Promise<'written' | 'counted'> {
  await flushWithin(db, now);
  const windowStart = windowOf(now);
  const same = <V extends string | undefined>(column: 'error_code' | 'organization_id' | 'person_id', value: V) =>
    value === undefined ? sql<boolean>`${sql.ref(column)} is null` : sql<boolean>`${sql.ref(column)} = ${value}`;
  const { written } = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number | string>().as('written'))
    .where('type', '=', event.type)
    .where('actor_subject', '=', event.actor.subject)
    .where('time', '>=', windowStart)
    .where('repeat_count', 'is', null)
    .where(same('error_code', event.errorCode))
    .where(same('organization_id', event.organizationId))
    .where(same('person_id', event.person?.id))
    .executeTakeFirstOrThrow();
  if (Number(written) < REPEAT_LIMIT) {
    await appendWithin(db, event, now);
    return 'written';
  }
  const time = now.toISOString();
  await db
    .insertInto('audit_repeats')
    .values({ repeat_key: repeatKey(event), window_start: windowStart, repeats: 1, first_time: time, last_time: time, event: JSON.stringify(event) })
    .onConflict((oc) => oc.columns(['repeat_key', 'window_start']).doUpdateSet({ repeats: sql`audit_repeats.repeats + 1`, last_time: time }))
    .execute();
  return 'counted';
}

async function flushWithin(db: Kysely<Tables>, now: Date): Promise<number> {
  const closed = await db.selectFrom('audit_repeats').selectAll().where('window_start', '<', windowOf(now)).orderBy('window_start').orderBy('repeat_key').execute();
  for (const row of closed) {
    const template = JSON.parse(row.event) as AuditEventInput;
    await appendWithin(
      db,
      {
        ...template,
        repeatCount: row.repeats,
        reason: `${row.repeats} more identical attempts from ${row.first_time} to ${row.last_time} were counted, not written one by one`,
      },
      now,
    );
    await db.deleteFrom('audit_repeats').where('repeat_key', '=', row.repeat_key).where('window_start', '=', row.window_start).execute();
  }
  return closed.length;
}
