import type { Metadata } from 'next';
import { Suspense } from 'react';
import { OrganizationPicker } from '@/components/organization-picker';
import { SearchBox } from '@/components/search-box';
import { SearchResults } from '@/components/search-results';
import { SkeletonRows } from '@/components/skeleton-rows';
import { organizationOf } from '@/lib/access/actor';
import { requireActor } from '@/lib/auth/current-actor';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'People' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const organizations = [...actor.organizations.values()];
  const organization = organizationOf(actor, firstParam(params.org)) ?? organizations[0]!;
  const query = (firstParam(params.q) ?? '').slice(0, 256);
  const page = Math.max(1, Number.parseInt(firstParam(params.page) ?? '1', 10) || 1);
  const cursor = firstParam(params.cursor)?.slice(0, 1024);
  return (
    <>
      <h1>People</h1>
      <div className="toolbar">
        <SearchBox />
        {organizations.length > 1 ? <OrganizationPicker organizations={organizations} current={organization.alias} /> : null}
      </div>
      <Suspense key={`${organization.organizationId}|${query}|${page}|${cursor ?? ''}`} fallback={<SkeletonRows />}>
        <SearchResults actor={actor} organization={organization} query={query} page={page} cursor={cursor} />
      </Suspense>
    </>
  );
}
