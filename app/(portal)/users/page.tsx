import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'People' };

/** Placeholder until the search lands (issue 4); it keeps the query so deep links can be tested. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const query = Array.isArray(q) ? q[0] : q;
  return (
    <>
      <h1>People</h1>
      <p>Searching for people arrives next.{query ? ` You asked for “${query}”.` : ''}</p>
    </>
  );
}
