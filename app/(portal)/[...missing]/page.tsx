import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

// Here, not in the not-found file: Next.js takes a title only from the page or the root not-found.
export const metadata: Metadata = { title: 'Page not found' };

/**
 * Any address no other route serves: answered inside the portal's layout (app/(portal)/not-found.tsx)
 * rather than by the root not-found page, which would have to read the operator itself.
 */
export default function Missing(): never {
  notFound();
}
