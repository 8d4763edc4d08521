import type { Metadata } from 'next';
import { NotFoundContent } from '@/components/not-found-content';
import { PortalHeader, SkipLink } from '@/components/portal-header';

export const metadata: Metadata = { title: 'Page not found' };

/**
 * A notFound() outside the portal's pages. Unknown addresses get app/(portal)/not-found.tsx, with
 * the operator in the banner; this one reads nothing, because Next.js renders it into every
 * page's response in case the client needs it (docs/decisions/010-request-cost.md).
 */
export default function NotFound() {
  return (
    <>
      <SkipLink />
      <PortalHeader actor={null} />
      <main id="main" tabIndex={-1} className="page">
        <NotFoundContent />
      </main>
    </>
  );
}
