import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OrganizationPicker } from '@/components/organization-picker';
import { SearchArea } from '@/components/search-area';
import { SearchBox } from '@/components/search-box';
import { SearchResults } from '@/components/search-results';
import { SkeletonRows } from '@/components/skeleton-rows';
import { organizationOf } from '@/lib/access/actor';
import { requireActor } from '@/lib/auth/current-actor';
import { firstParam, type SearchParams } from '@/lib/search-params';

/** The tab says what it shows: the query, when there is one. */
export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const query = (firstParam((await searchParams).q) ?? '').trim().slice(0, 80);
  return { title: query ? `“${query}” · People` : 'People' };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const organizations = [...actor.organizations.values()];
  // Several organizations: all of them unless the picker narrows the search to one.
  const organization = organizationOf(actor, firstParam(params.org)) ?? (organizations.length > 1 ? undefined : organizations[0]!);
  const query = (firstParam(params.q) ?? '').slice(0, 256);
  const page = Math.max(1, Number.parseInt(firstParam(params.page) ?? '1', 10) || 1);
  const cursor = firstParam(params.cursor)?.slice(0, 1024);
  return (
    <>
      <h1>People</h1>
      <SearchArea
        results={
          <Suspense key={`${organization?.organizationId ?? '*'}|${query}|${page}|${cursor ?? ''}`} fallback={<SkeletonRows />}>
            <SearchResults actor={actor} organization={organization} query={query} page={page} cursor={cursor} />
          </Suspense>
        }
      >
        <div className="toolbar">
          <SearchBox />
          {/* Aliases only: whatever a client component gets is sent to the browser, scopes and protected groups too. */}
          {organizations.length > 1 ? (
            <OrganizationPicker organizations={organizations.map(({ alias }) => ({ alias }))} current={organization?.alias ?? ''} />
          ) : null}
        </div>
      </SearchArea>
    </>
  );
}
