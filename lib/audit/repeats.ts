import 'server-only';
/**
 * Bounded refusals (docs/decisions/007-refusals-and-lookups.md). A refusal is written to the chain
 * like any event until REPEAT_LIMIT identical ones (same event type, operator, reason code, and
 * the organization and person when the caller verified them) stand in the same clock minute, and
 * while the operator has written fewer than OPERATOR_BUDGET refusals in that minute; beyond either
 * it is only counted, in `audit_repeats`. Once the minute has closed, a flush (the next bounded
 * write, or the minute timer) chains one summary event for it, carrying the count (`repeat_count`).
 * Counting and flushing happen inside the log's write lock (writeTransaction), so several instances
 * on one PostgreSQL share one exact count and chain each summary once.
 *
 * A pending count is outside the chain, so each row carries an HMAC under the audit key: a row
 * added or changed without the key is not chained as written; an `audit.tampered` event says so.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { log } from '../log';
import { PRODUCT_ID } from '../product';
import { database, type AuditDatabase } from './db';
import { auditKey } from './key';
import type { AuditRepeatsTable, Tables } from './schema';
import { appendWithin, inTransaction } from './store';
import type { AuditEventInput, AuditEventType } from './types';

export const REPEAT_LIMIT = 30;
/** Refusals one operator may have written in a minute, of every kind together; the rest are counted. */
export const OPERATOR_BUDGET = 60;
const WINDOW_MS = 60_000;

/** The refusals the bounded writers produce, by type and outcome; a count of anything else is never chained. */
const REFUSALS: Partial<Record<AuditEventType, string>> = {
  'access.denied': 'denied',
  'password.reset.invalid': 'invalid',
  'password.reset.refused': 'refused',
  'rate.limited': 'refused',
  'password.reset.failed': 'failed',
};
const REFUSAL_TYPES = Object.keys(REFUSALS) as AuditEventType[];
const isRefusal = (e: AuditEventInput) => REFUSALS[e.type] === e.outcome && e.repeatCount === undefined && e.checkpointHash === undefined;

export const TAMPER_ACTOR = { subject: 'system:audit', email: '', name: 'Audit log check', role: 'system' };

const windowOf = (time: Date) => new Date(Math.floor(time.getTime() / WINDOW_MS) * WINDOW_MS).toISOString();
const repeatKey = (e: AuditEventInput) =>
  JSON.stringify([e.type, e.actor.subject, e.errorCode ?? null, e.organizationId ?? null, e.person?.id ?? null]);

type Counted = Omit<AuditRepeatsTable, 'mac'>;
const macOf = (r: Counted) =>
  createHmac('sha256', auditKey().secret)
    .update(JSON.stringify(['audit_repeats', r.repeat_key, r.window_start, r.repeats, r.first_time, r.last_time, r.event]))
    .digest('hex');
const sealed = (r: Counted): AuditRepeatsTable => ({ ...r, mac: macOf(r) });

/** The row's template when its MAC holds and it is a refusal of the kind its key names; else undefined. */
function trusted(row: AuditRepeatsTable): AuditEventInput | undefined {
  const expected = Buffer.from(macOf(row));
  const given = Buffer.from(row.mac ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let event: AuditEventInput;
  try {
    event = JSON.parse(row.event) as AuditEventInput;
  } catch {
    return undefined;
  }
  return isRefusal(event) && repeatKey(event) === row.repeat_key && Number.isInteger(row.repeats) && row.repeats > 0 ? event : undefined;
}

/** Appends a refusal, or counts it when its minute is over a bound. */
export async function appendBounded(event: AuditEventInput, now = new Date(), handle?: AuditDatabase): Promise<'written' | 'counted'> {
  return inTransaction((db) => appendBoundedWithin(db, event, now), handle);
}

/**
 * Chains the summaries of every closed minute: what the minute timer runs (startRepeatFlush), and
 * each bounded write first. Looks without the lock first, so an idle minute takes no lock.
 */
export async function flushRepeats(now = new Date(), handle?: AuditDatabase): Promise<number> {
  const pending = await (handle ?? (await database())).db
    .selectFrom('audit_repeats')
    .select('repeat_key')
    .where('window_start', '<', windowOf(now))
    .limit(1)
    .execute();
  return pending.length ? inTransaction((db) => flushWithin(db, now), handle) : 0;
}

const FLUSH_TIMER = Symbol.for(`${PRODUCT_ID}.repeat-flush`);

/** Flushes every minute, once per process (start-up runs in its own bundle, so the flag is global). */
export function startRepeatFlush(): void {
  const global = globalThis as { [FLUSH_TIMER]?: NodeJS.Timeout };
  global[FLUSH_TIMER] ??= setInterval(() => {
    flushRepeats().catch((err: unknown) =>
      log.warn({ err: (err as Error).message }, 'audit: counted refusals not flushed; the next flush retries'),
    );
  }, WINDOW_MS).unref();
}

/** The same inside a write transaction the caller already holds (the rate limits' own). */
export async function appendBoundedWithin(db: Kysely<Tables>, event: AuditEventInput, now = new Date()): Promise<'written' | 'counted'> {
  if (!isRefusal(event)) throw new Error(`only refusals are bounded, not ${event.type}/${event.outcome}`);
  await flushWithin(db, now);
  const windowStart = windowOf(now);
  const written = () =>
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number | string>().as('written'))
      .where('actor_subject', '=', event.actor.subject)
      .where('time', '>=', windowStart)
      .where('repeat_count', 'is', null);
  const budgetUsed = await written().where('type', 'in', REFUSAL_TYPES).executeTakeFirstOrThrow();
  // Over the operator's budget, the count is keyed without organization and person, so varying
  // them cannot make one pending row per refusal.
  if (Number(budgetUsed.written) >= OPERATOR_BUDGET) {
    await countWithin(db, { ...event, organizationId: undefined, person: undefined }, windowStart, now);
    return 'counted';
  }
  const same = (column: 'error_code' | 'organization_id' | 'person_id', value: string | undefined) =>
    value === undefined ? sql<boolean>`${sql.ref(column)} is null` : sql<boolean>`${sql.ref(column)} = ${value}`;
  const identical = await written()
    .where('type', '=', event.type)
    .where(same('error_code', event.errorCode))
    .where(same('organization_id', event.organizationId))
    .where(same('person_id', event.person?.id))
    .executeTakeFirstOrThrow();
  if (Number(identical.written) < REPEAT_LIMIT) {
    await appendWithin(db, event, now);
    return 'written';
  }
  await countWithin(db, event, windowStart, now);
  return 'counted';
}

async function countWithin(db: Kysely<Tables>, event: AuditEventInput, windowStart: string, now: Date): Promise<void> {
  const key = { repeat_key: repeatKey(event), window_start: windowStart };
  const time = now.toISOString();
  const row = await db
    .selectFrom('audit_repeats')
    .selectAll()
    .where('repeat_key', '=', key.repeat_key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  if (row && trusted(row)) {
    await db
      .updateTable('audit_repeats')
      .set(sealed({ ...row, repeats: row.repeats + 1, last_time: time }))
      .where('repeat_key', '=', key.repeat_key)
      .where('window_start', '=', windowStart)
      .execute();
    return;
  }
  // A forged row in our place is reported, never sealed with our count added to it.
  if (row) await chainTampered(db, row, now);
  await db
    .insertInto('audit_repeats')
    .values(sealed({ ...key, repeats: 1, first_time: time, last_time: time, event: JSON.stringify(event) }))
    .execute();
  // A copy outside the database: a pending count deleted before its flush leaves no trace in the
  // chain, but this line stays with the log shipper (docs/decisions/007-refusals-and-lookups.md).
  log.warn(
    { repeatKey: key.repeat_key, windowStart, actor: event.actor.subject, type: event.type, errorCode: event.errorCode },
    'audit: identical refusals are being counted, not written',
  );
}

async function chainTampered(db: Kysely<Tables>, row: AuditRepeatsTable, now: Date): Promise<void> {
  const minute = String(row.window_start).slice(0, 24);
  log.warn(
    { windowStart: minute, repeatKey: String(row.repeat_key).slice(0, 300) },
    'audit: a pending refusal count failed its check and was not chained as written',
  );
  await appendWithin(
    db,
    {
      type: 'audit.tampered',
      actor: TAMPER_ACTOR,
      outcome: 'failed',
      errorCode: 'repeat-count-tampered',
      reason: `A pending count of refusals (audit_repeats, minute ${minute}) was added or changed without the audit key; it was not chained as written.`,
    },
    now,
  );
  await db.deleteFrom('audit_repeats').where('repeat_key', '=', row.repeat_key).where('window_start', '=', row.window_start).execute();
}

async function flushWithin(db: Kysely<Tables>, now: Date): Promise<number> {
  const closed = await db
    .selectFrom('audit_repeats')
    .selectAll()
    .where('window_start', '<', windowOf(now))
    .orderBy('window_start')
    .orderBy('repeat_key')
    .execute();
  for (const row of closed) {
    const template = trusted(row);
    if (!template) {
      await chainTampered(db, row, now);
      continue;
    }
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
