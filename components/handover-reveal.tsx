'use client';

import { useActionState, useState } from 'react';
import { revealHandoverAction, type RevealState } from '@/app/handover/[token]/actions';

/** A used, expired or unknown link: the same words for all three, so a guess learns nothing. */
export function LinkGone({ operatorName }: { operatorName?: string }) {
  return (
    <p role="alert" className="alert">
      This link has already been used or has expired.{' '}
      {operatorName ? (
        <>
          Ask <bdi>{operatorName}</bdi> for a new reset.
        </>
      ) : (
        'Ask the person who reset your password for a new reset.'
      )}
    </p>
  );
}

/** The click-through: nothing is revealed, or used up, until the person presses the button (docs/handover.md). */
export function HandoverReveal({ token }: { token: string }) {
  const [result, reveal, pending] = useActionState(async (): Promise<RevealState> => revealHandoverAction(token), { state: 'idle' });
  const [copied, setCopied] = useState(false);
  if (result.state === 'revealed') {
    return (
      <div role="status" className="success">
        <p>This is your new password. It is shown only this once: copy it or write it down now.</p>
        <div className="field">
          <label htmlFor="handover-password">Password</label>
          <input id="handover-password" type="text" readOnly value={result.password} spellCheck={false} autoComplete="off" />
        </div>
        <p>
          <button
            type="button"
            className="button"
            onClick={() => void navigator.clipboard.writeText(result.password).then(() => setCopied(true))}
          >
            Copy password
          </button>{' '}
          {copied ? <span className="muted">Copied.</span> : null}
        </p>
        <p>
          Sign in as{' '}
          <code>
            <bdi>{result.signInName}</bdi>
          </code>
          , then enter the new password on your phone and in your mail apps too.
        </p>
      </div>
    );
  }
  if (result.state === 'gone') return <LinkGone operatorName={result.operatorName} />;
  return (
    <form action={reveal}>
      {result.state === 'limited' || result.state === 'refused' ? (
        <p role="alert" className="alert">
          {result.message}
        </p>
      ) : null}
      <button type="submit" className="button primary" disabled={pending}>
        Show password
      </button>
    </form>
  );
}
