import 'server-only';
/**
 * An admin's search over every organization they may act in, the default when they have several
 * (someone looking for "lena" should not first have to know which organization she is in). Each
 * organization is searched as lib/people/search.ts searches one, all at once; the matches are
 * merged by name and paged together, and every row names its organization. One organization's
 * failure does not hide the others' matches: it is returned beside them.
 */
import type { Actor, OrganizationAccess } from '../access/actor';
import { DirectoryError } from '../directory/errors';
import { directory } from './directory';
import { byName } from './people-index';
import { decider, matchPeople, PAGE_SIZE, type Matches, type SearchRow } from './search';
import type { Person } from '../directory/types';

export interface OrganizationRow extends SearchRow {
  organization: Pick<OrganizationAccess, 'organizationId' | 'alias'>;
}

export interface AllResult {
  rows: OrganizationRow[];
  total: number;
  page: number;
  pageCount: number;
  /** With no query: the next page's cursor, `<alias>:<that organization's cursor>` (lists walk one organization after another). */
  nextCursor?: string;
  truncated: boolean;
  warming?: { loaded: number };
  failures: Array<{ organizationId: string; error: DirectoryError }>;
}

/** "subsidiary:abc" → the subsidiary organization and its own cursor "abc"; anything else starts at the first. */
function parseCursor(organizations: OrganizationAccess[], cursor: string | undefined) {
  const at = cursor?.indexOf(':') ?? -1;
  const organization = at > 0 ? organizations.find((o) => o.alias === cursor!.slice(0, at)) : undefined;
  return organization ? { organization, inner: cursor!.slice(at + 1) || undefined } : { organization: organizations[0]!, inner: undefined };
}

async function listAll(actor: Actor, organizations: OrganizationAccess[], cursor: string | undefined): Promise<AllResult> {
  const { organization, inner } = parseCursor(organizations, cursor);
  const { organizationId, alias } = organization;
  try {
    const decide = await decider(actor, organizationId);
    const listed = await directory().listPeople(organizationId, { cursor: inner, limit: PAGE_SIZE });
    const rows = listed.people
      .map(decide)
      .filter((r): r is SearchRow => r !== undefined)
      .map((r) => ({ ...r, organization: { organizationId, alias } }));
    const next = organizations[organizations.indexOf(organization) + 1];
    const nextCursor = listed.nextCursor ? `${alias}:${listed.nextCursor}` : next ? `${next.alias}:` : undefined;
    return { rows, total: rows.length, page: 1, pageCount: 1, nextCursor, truncated: false, failures: [] };
  } catch (err) {
    if (!(err instanceof DirectoryError)) throw err;
    return { rows: [], total: 0, page: 1, pageCount: 1, truncated: false, failures: [{ organizationId, error: err }] };
  }
}

export async function searchAllOrganizations(
  actor: Actor,
  query: string,
  options: { page?: number; cursor?: string } = {},
): Promise<AllResult> {
  const organizations = [...actor.organizations.values()];
  const q = query.trim().slice(0, 256);
  if (!q) return listAll(actor, organizations, options.cursor);

  const settled = await Promise.all(
    organizations.map(async (organization) => {
      try {
        return { organization, matches: await matchPeople(actor, organization.organizationId, q) };
      } catch (err) {
        if (!(err instanceof DirectoryError)) throw err;
        return { organization, error: err };
      }
    }),
  );
  const failures: AllResult['failures'] = [];
  const found: Array<{ person: Person; organization: OrganizationAccess; matches: Matches }> = [];
  let truncated = false;
  let loaded: number | undefined;
  for (const entry of settled) {
    if ('error' in entry) {
      failures.push({ organizationId: entry.organization.organizationId, error: entry.error! });
      continue;
    }
    const { organization, matches } = entry;
    truncated ||= matches.truncated;
    if (matches.warming) loaded = (loaded ?? 0) + matches.warming.loaded;
    for (const person of matches.people) found.push({ person, organization, matches });
  }
  // Each organization's list is already in name order: a stable sort by name keeps it and interleaves them.
  found.sort((a, b) => byName(a.person, b.person));
  const pageCount = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const rows = found.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).flatMap(({ person, organization, matches }) => {
    const row = matches.decide(person);
    return row ? [{ ...row, organization: { organizationId: organization.organizationId, alias: organization.alias } }] : [];
  });
  return {
    rows,
    total: found.length,
    page: current,
    pageCount,
    truncated,
    failures,
    ...(loaded !== undefined ? { warming: { loaded } } : {}),
  };
}
