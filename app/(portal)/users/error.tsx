'use client';

/** Anything the pages did not map themselves: a plain message, never the error's own text. */
export default function UsersError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="alert">
      <p>
        <strong>Something went wrong while loading this page.</strong> Try again; if it persists, tell IT.
      </p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
