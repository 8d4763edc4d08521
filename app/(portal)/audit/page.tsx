import type { Metadata } from 'next';
import { AuditFilters } from '@/components/audit-filters';
import { AuditTable } from '@/components/audit-table';
import { ErrorAlert } from '@/components/directory-error-alert';
import { PageLinks } from '@/components/page-links';
import { auditScope } from '@/lib/access/can';
import { filterParams, parseAuditFilter } from '@/lib/audit/filter';
import { findEvents } from '@/lib/audit/query';
import { requireActor } from '@/lib/auth/current-actor';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Audit log' };

/** Who did what: admins see every event, team leads their own (lib/access/can.ts auditScope). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const scope = auditScope(actor);
  const params = await searchParams;
  const values = {
    operator: firstParam(params.operator),
    person: firstParam(params.person),
    outcome: firstParam(params.outcome),
    from: firstParam(params.from),
    to: firstParam(params.to),
  };
  const parsed = parseAuditFilter(params);
  // Every organization of the policy by its alias (an admin's map holds them all; a lead's, theirs).
  const aliases = new Map([...actor.organizations.values()].map((o) => [o.organizationId, o.alias]));

  let body;
  if (!parsed.ok) {
    body = <ErrorAlert title="These filters cannot be used." action={`${parsed.problems.join(' ')} Nothing was searched.`} />;
  } else {
    const { filter } = parsed;
    const result = await findEvents(filter, scope);
    const query = filterParams(filter);
    const link = (page: number) => `/audit?${filterParams(filter, page)}`;
    const anyFilter = query.size > 0;
    body =
      result.events.length === 0 ? (
        <p className="empty" role="status">
          {filter.page > 1 ? 'No events on this page.' : anyFilter ? 'No events match these filters.' : 'No events yet.'}
        </p>
      ) : (
        <>
          <p>
            <a href={`/audit/export${query.size ? `?${query}` : ''}`} download>
              Export CSV
            </a>{' '}
            <span className="muted">
              ({result.total} {result.total === 1 ? 'event' : 'events'}
              {anyFilter ? ' matching these filters' : ''})
            </span>
          </p>
          <AuditTable
            events={result.events}
            aliases={aliases}
            showOperator={scope.kind === 'all'}
            caption={`${result.total} ${result.total === 1 ? 'event' : 'events'}, newest first, a reset’s request and outcome in one row${scope.kind === 'own' ? ' (your own actions)' : ''}`}
          />
          {result.pageCount > 1 ? (
            <nav aria-label="Pages" className="pages">
              <PageLinks page={result.page} pageCount={result.pageCount} href={link} />
            </nav>
          ) : null}
        </>
      );
  }

  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        {scope.kind === 'all'
          ? 'Every sign-in, reset, refusal and failure, by every operator. No event holds a password.'
          : 'Your own sign-ins, resets, refusals and failures. Admins see everyone’s. No event holds a password.'}
      </p>
      <AuditFilters values={values} showOperator={scope.kind === 'all'} />
      {body}
    </>
  );
}
