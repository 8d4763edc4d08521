import Link from 'next/link';

/** One answer for "no such person" and "not someone you manage", so existence does not leak. */
export default function PersonNotFound() {
  return (
    <>
      <h1>Not found, or not yours</h1>
      <p>There is no such person, or they are not someone you manage.</p>
      <p>
        <Link href="/users">Search for people</Link>
      </p>
    </>
  );
}
