import type { Metadata } from 'next';
import Link from 'next/link';
import { PortalHeader, SkipLink } from '@/components/portal-header';
import { getActor } from '@/lib/auth/current-actor';

export const metadata: Metadata = { title: 'Page not found' };

/** Any unknown address: the portal's own page, with its navigation and a way back to People. */
export default async function NotFound() {
  const actor = await getActor();
  return (
    <>
      <SkipLink />
      <PortalHeader actor={actor?.role === 'none' ? null : actor} />
      <main id="main" tabIndex={-1} className="page">
        <h1>Page not found</h1>
        <p>There is no page at this address. It may have been mistyped, or the link may be out of date.</p>
        <p>
          To find someone, go to <Link href="/users">the search</Link>, or choose <strong>People</strong> above.
        </p>
      </main>
    </>
  );
}
