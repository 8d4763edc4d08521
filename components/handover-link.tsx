'use client';

import { useActionState, useState } from 'react';
import { createHandoverLinkAction, type CreateLinkResult } from '@/app/(portal)/users/[org]/[user]/handover-actions';
import { utcDateTime } from '@/lib/text/utc';

/** The operator's one-time link for a reset's password (docs/handover.md): made on request, shown with its expiry. */
export function HandoverLink({ handoverRef }: { handoverRef: string }) {
  const [result, create, pending] = useActionState(
    async (): Promise<CreateLinkResult | undefined> => createHandoverLinkAction(handoverRef),
    undefined,
  );
  const [copied, setCopied] = useState(false);
  if (result?.ok) {
    return (
      <div>
        <div className="field">
          <label htmlFor="handover-link">One-time link</label>
          <input id="handover-link" type="text" readOnly value={result.url} spellCheck={false} autoComplete="off" />
        </div>
        <p>
          <button
            type="button"
            className="button"
            onClick={() => void navigator.clipboard.writeText(result.url).then(() => setCopied(true))}
          >
            Copy link
          </button>{' '}
          {copied ? <span className="muted">Copied.</span> : null}
        </p>
        <p>
          Send this link to the person by chat or SMS, not by email to the mailbox you reset. It shows the password once and works until{' '}
          {utcDateTime(result.expiresAt)}.
        </p>
      </div>
    );
  }
  return (
    <form action={create}>
      {result ? (
        <p role="alert" className="alert">
          {result.message}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        Create one-time link
      </button>
    </form>
  );
}
