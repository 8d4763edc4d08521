import Link from 'next/link';
import type { Actor, OrganizationAccess } from '@/lib/access/actor';
import { DirectoryError } from '@/lib/directory/errors';
import { searchPeople } from '@/lib/people/search';
import { wordingFor } from '@/lib/portal';
import { DirectoryErrorAlert } from './directory-error-alert';
import { PageLinks } from './page-links';
import { UsersTable } from './users-table';

interface Props {
  actor: Actor;
  organization: OrganizationAccess;
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

async function Results({ actor, organization, query, page, cursor }: Props) {
  let result;
  try {
    result = await searchPeople(actor, organization.organizationId, query, { page, cursor });
  } catch (err) {
    if (err instanceof DirectoryError) return <DirectoryErrorAlert error={err} wording={wordingFor(organization.organizationId)} />;
    throw err;
  }
  // While the word index's first build runs, only prefixes were searched: say so, never a bare "No one matches".
  const warming = result.warming ? (
    <p className="notice" role="status">
      Search inside names is still warming up ({result.warming.loaded} people read so far): these are matches by the start of a name,
      username or email only. Try again in a minute for matches anywhere in a name.
    </p>
  ) : null;
  if (result.rows.length === 0) {
    return (
      <>
        <p className="empty" role="status">
          {query ? `No one matches “${query}”` : 'No people to show'}
          {actor.role === 'lead' ? ' among the people you manage.' : '.'}
        </p>
        {warming}
      </>
    );
  }
  const base = { q: query || undefined, org: organization.alias };
  const caption = query
    ? `${result.total} ${result.total === 1 ? 'person matches' : 'people match'} “${query}”`
    : actor.role === 'lead'
      ? `${result.total} people you manage`
      : 'People in this organization';
  return (
    <>
      {warming}
      <UsersTable
        rows={result.rows}
        organizationAlias={organization.alias}
        caption={caption}
        wording={wordingFor(organization.organizationId)}
      />
      {result.truncated ? <p className="muted">More people match than are shown: type more of the name or email.</p> : null}
      <nav aria-label="Pages" className="pages">
        <PageLinks page={result.page} pageCount={result.pageCount} href={(page) => href({ ...base, page: String(page) })} />
        {cursor ? <Link href={href(base)}>First page</Link> : null}
        {result.nextCursor ? <Link href={href({ ...base, cursor: result.nextCursor })}>Next page</Link> : null}
      </nav>
    </>
  );
}
