'use client';

/**
 * STUB: the one-time link hand-over (issue 15, item 5) is built in its own branch, whose file
 * replaces this one. Only the signature the result panel uses is fixed here.
 */
export function HandoverLink({ handoverRef }: { handoverRef: string }) {
  return (
    <p>
      <button type="button" className="button" data-handover-ref={handoverRef}>
        Create one-time link
      </button>
    </p>
  );
}
