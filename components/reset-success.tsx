'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import type { ResetResult } from '@/lib/reset/result';
import { copySecret } from './copy-once';
import { HandoverLink } from './handover-link';

/** The person's directory, as the hand-over speaks of it. */
export interface DirectoryFacts {
  name: string;
  requestIdLabel: string;
  canForceChangeAtNextSignIn: boolean;
}

const REQUIRE_CHANGE_TEXT: Record<Extract<ResetResult, { status: 'success' }>['requireChange'], (directory: string) => string> = {
  applied: () => 'They must choose a new password of their own when they next sign in.',
  refused: (directory) =>
    `${directory} did not accept “require a new password at next sign-in”: ask them to change it themselves straight away.`,
  'not-asked': () => 'They keep this password until they change it: ask them to change it themselves if it should be theirs alone.',
  unsupported: (directory) => `${directory} cannot force a change at next sign-in: ask them to change it themselves straight away.`,
};

type Notice = NonNullable<Extract<ResetResult, { status: 'success' }>['notice']>;

/** What became of the notice to the person (lib/notify/notify.ts). */
const NOTICE_TEXT: Record<Notice['state'], (to: string) => string> = {
  sent: (to) => `A notice that their password was reset was sent to ${to}.`,
  failed: (to) => `The notice to ${to || 'them'} could not be sent: tell them yourself that you reset their password.`,
  pending: (to) => `The notice to ${to} is still being sent.`,
  off: () => 'No notice was sent: this portal has no mail server set up.',
};

/**
 * The done state, in place of the form: who was reset, their sign-in name, the hand-over (the
 * password shown once, and/or a one-time link) and the ways on. `password` lives only in the
 * page's memory (the server never sends it back) and is forgotten when the page is left.
 */
export function ResetSuccess({
  result,
  directory,
  password,
}: {
  result: Extract<ResetResult, { status: 'success' }>;
  directory: DirectoryFacts;
  password?: string;
}) {
  const [copied, setCopied] = useState<'sign-in name' | 'password' | undefined>();
  const [shown, setShown] = useState(password);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    // Leaving the page (or its being kept in the back-forward cache) forgets the password.
    const forget = () => setShown(undefined);
    window.addEventListener('pagehide', forget);
    return () => window.removeEventListener('pagehide', forget);
  }, []);

  return (
    <div role="status" className="success">
      {/* Directory text is isolated: a bidi control inside a name cannot reorder the words around it. */}
      <h3 ref={heading} tabIndex={-1} className="result-heading">
        Password reset for <bdi>{result.displayName}</bdi>
        {result.email ? (
          <>
            {' ('}
            <bdi>{result.email}</bdi>)
          </>
        ) : null}
      </h3>
      <p className="wrap">
        Sign-in name:{' '}
        <code>
          <bdi>{result.signInName}</bdi>
        </code>{' '}
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard.writeText(result.signInName).then(() => setCopied('sign-in name'))}
        >
          Copy sign-in name
        </button>
      </p>
      {shown ? (
        <p className="wrap">
          New password (shown once):{' '}
          <code className="secret" data-testid="handover-password">
            {shown}
          </code>{' '}
          <button type="button" className="button" onClick={() => void copySecret(shown).then(() => setCopied('password'))}>
            Copy password
          </button>
        </p>
      ) : null}
      {result.handover ? <HandoverLink key={result.handover.ref} handoverRef={result.handover.ref} /> : null}
      <p className="muted" aria-live="polite">
        {copied === 'password' ? 'Password copied; the clipboard is emptied in a minute.' : copied ? 'Sign-in name copied.' : ''}
      </p>
      <ul>
        {shown ? <li>Give the new password to the person in person or by phone, never by email to the mailbox itself.</li> : null}
        <li>{REQUIRE_CHANGE_TEXT[result.requireChange](directory.name)}</li>
        <li>Their phones and mail clients will stop syncing until they enter the new password there too.</li>
      </ul>
      {result.notice ? <p>{NOTICE_TEXT[result.notice.state](result.notice.to ?? '')}</p> : null}
      {result.requestId ? (
        <p className="muted">
          {directory.requestIdLabel}: {result.requestId}
        </p>
      ) : null}
      <p className="buttons">
        <Link href="/users">Back to search</Link>
        <Link href="/users">Reset someone else</Link>
      </p>
    </div>
  );
}
