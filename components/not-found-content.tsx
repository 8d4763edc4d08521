import Link from 'next/link';

/** What an unknown address says, inside the portal's shell or the bare one (app/not-found.tsx). */
export function NotFoundContent() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have been mistyped, or the link may be out of date.</p>
      <p>
        To find someone, go to <Link href="/users">the search</Link>, or choose <strong>People</strong> above.
      </p>
    </>
  );
}
