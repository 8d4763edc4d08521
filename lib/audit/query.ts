import 'server-only';
/**
 * Reading the audit log for /audit and its CSV export: one filtered query, paged for the table and
 * streamed in batches for the export. Who sees what is decided by `auditScope` (lib/access/can.ts);
 * this module only applies it.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AuditScope } from '../access/can';
import { database, type AuditDatabase } from './db';
import { timeBounds, type AuditFilter } from './filter';
import type { Tables } from './schema';
import { toEvent, type EventRow } from './store';
import type { AuditEvent } from './types';

export const AUDIT_PAGE_SIZE = 50;

type Query = SelectQueryBuilder<Tables, 'audit_events', object>;

/** "Contains", case-insensitive on both backends, with the user's % and _ taken literally. */
function contains(columns: Array<'actor_email' | 'actor_name' | 'person_email' | 'person_name' | 'person_id'>, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`(${sql.join(
    columns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '\\'`),
    sql` or `,
  )})`;
}

/**
 * A reset's "requested" event whose outcome (succeeded or failed) was written: the table shows the
 * attempt once, as its outcome row, which carries the same operator, person and reason. The outcome
 * is the next succeeded/failed of the same operator, organization and person with no other request
 * of theirs in between, i.e. the very next attempt event of theirs. One window pass over the attempt
 * events (the partial index audit_attempts, migration 013) finds them all; the database then checks
 * each row against that set once, instead of a lookup per request.
 */
const ANSWERED_REQUEST = sql<boolean>`(audit_events.type = 'password.reset.requested' and audit_events.id in (
  select id from (
    select id, type, lead(type) over (partition by organization_id, person_id, actor_subject order by id) as next_type
    from audit_events
    where type in ('password.reset.requested', 'password.reset.succeeded', 'password.reset.failed')
  ) attempts
  where attempts.type = 'password.reset.requested'
    and attempts.next_type in ('password.reset.succeeded', 'password.reset.failed')))`;

/** `joined`: one row per reset attempt (the page); without it every raw event (the CSV export). */
function filtered(db: Kysely<Tables>, filter: AuditFilter, scope: AuditScope, joined = false): Query {
  let q: Query = db.selectFrom('audit_events');
  if (joined && filter.outcome !== 'requested') q = q.where(sql<boolean>`not ${ANSWERED_REQUEST}`);
  if (scope.kind === 'own') q = q.where('actor_subject', '=', scope.subject);
  // A lead's events are all their own: the operator filter is an admin's.
  if (filter.operator && scope.kind === 'all') q = q.where(contains(['actor_email', 'actor_name'], filter.operator));
  if (filter.person) q = q.where(contains(['person_email', 'person_name', 'person_id'], filter.person));
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  const { since, before } = timeBounds(filter);
  if (since) q = q.where('time', '>=', since);
  if (before) q = q.where('time', '<', before);
  return q;
}

export interface AuditPage {
  events: AuditEvent[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page of matching events, newest first, a reset's request joined with its outcome. */
export async function findEvents(filter: AuditFilter, scope: AuditScope, handle?: AuditDatabase): Promise<AuditPage> {
  if (scope.kind === 'none') return { events: [], total: 0, page: 1, pageCount: 1 };
  const { db } = handle ?? (await database());
  const q = filtered(db, filter, scope, true);
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow(),
    q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(AUDIT_PAGE_SIZE)
      .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
      .execute(),
  ]);
  const count = Number(total);
  return {
    events: (rows as EventRow[]).map(toEvent),
    total: count,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(count / AUDIT_PAGE_SIZE)),
  };
}

/** Every matching event, newest first, a batch at a time (the export streams these). */
export async function* eachEvent(filter: AuditFilter, scope: AuditScope, handle?: AuditDatabase, batch = 500): AsyncGenerator<AuditEvent> {
  if (scope.kind === 'none') return;
  const { db } = handle ?? (await database());
  let before: number | undefined;
  for (;;) {
    let q = filtered(db, filter, scope).selectAll();
    if (before !== undefined) q = q.where('id', '<', before);
    const rows = (await q.orderBy('id', 'desc').limit(batch).execute()) as EventRow[];
    for (const row of rows) yield toEvent(row);
    if (rows.length < batch) return;
    before = rows[rows.length - 1]!.id;
  }
}
