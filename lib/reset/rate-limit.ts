import 'server-only';
/**
 * Reset rate limits, per operator and per person, counted from the audit log itself (the same
 * database, shared by every instance). The count and the "requested" event are one transaction,
 * so two concurrent attempts, even on two instances, cannot both slip under the limit.
 */
import { database, type AuditDatabase } from '../audit/db';
import { appendBoundedWithin } from '../audit/repeats';
import { appendWithin, inTransaction } from '../audit/store';
import type { AuditEventInput } from '../audit/types';

const WINDOW_MS = 60 * 60 * 1000;

export type Reservation = { ok: true } | { ok: false; scope: 'operator' | 'person'; retryAt: Date };

export async function reserveReset(
  requested: AuditEventInput,
  limits: { perActor: number; perTarget: number },
  now = new Date(),
  handle?: AuditDatabase,
): Promise<Reservation> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  return inTransaction(async (trx) => {
    const recent = (where: 'actor' | 'person') => {
      let q = trx.selectFrom('audit_events').select('time').where('type', '=', 'password.reset.requested').where('time', '>', since);
      q =
        where === 'actor'
          ? q.where('actor_subject', '=', requested.actor.subject)
          : q.where('organization_id', '=', requested.organizationId ?? '').where('person_id', '=', requested.person?.id ?? '');
      return q.orderBy('time', 'asc').execute();
    };
    for (const [scope, limit] of [
      ['operator', limits.perActor],
      ['person', limits.perTarget],
    ] as const) {
      const times = await recent(scope === 'operator' ? 'actor' : 'person');
      if (times.length >= limit) {
        // A refusal like any other: identical ones past 30 a minute are counted (lib/audit/repeats.ts).
        await appendBoundedWithin(trx, { ...requested, type: 'rate.limited', outcome: 'refused', errorCode: `rate-limit-${scope}` }, now);
        // The window frees a slot when the oldest counted attempt is an hour old.
        return { ok: false, scope, retryAt: new Date(Date.parse(times[times.length - limit]!.time) + WINDOW_MS) };
      }
    }
    await appendWithin(trx, requested, now);
    return { ok: true };
  }, handle);
}

/** How many more resets this operator, and of this person, fit in the current hour. */
export interface Remaining {
  operator: number;
  person: number;
}

/**
 * A read-only look at the same counts reserveReset makes, for the confirmation dialog. Only a
 * forecast: another tab or operator may use a slot in between, and reserveReset still decides.
 */
export async function remaining(
  who: { actorSubject: string; organizationId: string; personId: string },
  limits: { perActor: number; perTarget: number },
  now = new Date(),
  handle?: AuditDatabase,
): Promise<Remaining> {
  const { db } = handle ?? (await database());
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const count = async (scope: 'operator' | 'person') => {
    let q = db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('type', '=', 'password.reset.requested')
      .where('time', '>', since);
    q =
      scope === 'operator'
        ? q.where('actor_subject', '=', who.actorSubject)
        : q.where('organization_id', '=', who.organizationId).where('person_id', '=', who.personId);
    // PostgreSQL's count is a bigint, which pg hands over as text.
    return Number((await q.executeTakeFirst())?.n ?? 0);
  };
  const [byOperator, byPerson] = await Promise.all([count('operator'), count('person')]);
  return { operator: Math.max(0, limits.perActor - byOperator), person: Math.max(0, limits.perTarget - byPerson) };
}
