import Link from 'next/link';
import type { Actor, OrganizationAccess } from '@/lib/access/actor';
import { DirectoryError } from '@/lib/directory/errors';
import { searchPeople } from '@/lib/people/search';
import { searchAllOrganizations, type AllResult } from '@/lib/people/search-all';
import { wordingFor } from '@/lib/portal';
import { DirectoryErrorAlert } from './directory-error-alert';
import { PageLinks } from './page-links';
import { Announce } from './search-area';
import { UsersTable } from './users-table';

interface Props {
  actor: Actor;
  /** One organization, or undefined for all of the operator's organizations. */
  organization?: OrganizationAccess;
  query: string;
  page: number;
  cursor?: string;
}

function href(params: Record<string, string | undefined>) {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return `/users?${search}`;
}

/** The results in a region named after the query, so assistive tech and tests know when they changed. */
export async function SearchResults(props: Props) {
  return (
    <section aria-label={props.query ? `Results for “${props.query}”` : 'Results'}>
      <Results {...props} />
    </section>
  );
}

/** One organization's search, in the shape of a search over several. */
async function searchOne(actor: Actor, organization: OrganizationAccess, query: string, page: number, cursor?: string): Promise<AllResult> {
  try {
    const result = await searchPeople(actor, organization.organizationId, query, { page, cursor });
    const { organizationId, alias } = organization;
    return { ...result, rows: result.rows.map((row) => ({ ...row, organization: { organizationId, alias } })), failures: [] };
  } catch (err) {
    if (!(err instanceof DirectoryError)) throw err;
    return {
      rows: [],
      total: 0,
      page: 1,
      pageCount: 1,
      truncated: false,
      failures: [{ organizationId: organization.organizationId, error: err }],
    };
  }
}

async function Results({ actor, organization, query, page, cursor }: Props) {
  const all = !organization;
  const result = organization
    ? await searchOne(actor, organization, query, page, cursor)
    : await searchAllOrganizations(actor, query, { page, cursor });
  const aliasOf = (id: string) => actor.organizations.get(id)?.alias ?? id;
  const failures = result.failures.map(({ organizationId, error }) => (
    <div key={organizationId}>
      {all ? <p className="muted">In {aliasOf(organizationId)}:</p> : null}
      <DirectoryErrorAlert error={error} wording={wordingFor(organizationId)} />
    </div>
  ));
  // Only one organization, and it failed: its error is the whole answer.
  if (!all && result.failures.length > 0) return <>{failures}</>;
  // While the word index's first build runs, only prefixes were searched: say so, never a bare "No one matches".
  const warming = result.warming ? (
    <p className="notice" role="status">
      Search inside names is still warming up ({result.warming.loaded} people read so far): these are matches by the start of a name,
      username or email only. Try again in a minute for matches anywhere in a name.
    </p>
  ) : null;
  if (result.rows.length === 0) {
    const empty = `${query ? `No one matches “${query}”` : 'No people to show'}${actor.role === 'lead' ? ' among the people you manage.' : '.'}`;
    return (
      <>
        {failures}
        <p className="empty" role="status">
          {empty}
        </p>
        <Announce text={empty} />
        {warming}
      </>
    );
  }
  const base = { q: query || undefined, org: organization?.alias };
  const where = all ? ' in all organizations' : '';
  const caption = query
    ? `${result.total} ${result.total === 1 ? 'person matches' : 'people match'} “${query}”${where}`
    : actor.role === 'lead'
      ? `${result.total} people you manage`
      : all
        ? 'People in all organizations, one organization after another'
        : 'People in this organization';
  const wordings = new Map([...new Set(result.rows.map((r) => r.organization.organizationId))].map((id) => [id, wordingFor(id)]));
  return (
    <>
      {failures}
      {warming}
      <Announce text={query ? caption : `${result.rows.length} people shown`} />
      <UsersTable rows={result.rows} caption={caption} showOrganization={all && actor.organizations.size > 1} wordings={wordings} />
      {result.truncated ? <p className="muted">More people match than are shown: type more of the name or email.</p> : null}
      <nav aria-label="Pages" className="pages">
        <PageLinks page={result.page} pageCount={result.pageCount} href={(page) => href({ ...base, page: String(page) })} />
        {cursor ? <Link href={href(base)}>First page</Link> : null}
        {result.nextCursor ? <Link href={href({ ...base, cursor: result.nextCursor })}>Next page</Link> : null}
      </nav>
    </>
  );
}
