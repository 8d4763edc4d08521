import { NotFoundContent } from '@/components/not-found-content';

/**
 * An unknown address (app/(portal)/[...missing]) or a page's notFound(), inside the portal's own
 * shell, so the banner says who is signed in. Static on purpose: Next.js renders every segment's
 * not-found element into every page's response, in case the client needs it later, so anything
 * this read (the operator, the header) would be paid for on each search (docs/decisions/010-request-cost.md).
 */
export default function PortalNotFound() {
  return <NotFoundContent />;
}
