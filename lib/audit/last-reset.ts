import 'server-only';
/**
 * The person page's "Last reset by <operator> at <time>": the newest successful reset of one
 * person, whoever made it. Shown to anyone who may view the person (the page checks that first),
 * so it names only the operator and the time, nothing else of the event.
 */
import { database, type AuditDatabase } from './db';

export interface LastReset {
  operatorName: string;
  operatorEmail: string;
  /** ISO 8601, UTC. */
  time: string;
}

export async function lastReset(organizationId: string, personId: string, handle?: AuditDatabase): Promise<LastReset | undefined> {
  const { db } = handle ?? (await database());
  // The (type, organization_id, person_id, time) index answers this without a scan.
  const row = await db
    .selectFrom('audit_events')
    .select(['actor_name', 'actor_email', 'time'])
    .where('type', '=', 'password.reset.succeeded')
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .orderBy('time', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { operatorName: row.actor_name, operatorEmail: row.actor_email, time: row.time };
}
