import type { ReactNode } from 'react';
import { PortalHeader, SkipLink } from '@/components/portal-header';
import { requireActor } from '@/lib/auth/current-actor';

/** The shell around every portal page: a skip link, who is signed in, with which role, and Sign out. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <SkipLink />
      <PortalHeader actor={actor} />
      <main id="main" tabIndex={-1} className="page">
        {children}
      </main>
    </>
  );
}
