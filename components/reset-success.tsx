'use client';

import { useState } from 'react';
import type { ResetResult } from '@/lib/reset/result';
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

/** The hand-over: who was reset, their sign-in name, and what to tell them. */
export function ResetSuccess({ result, directory }: { result: Extract<ResetResult, { status: 'success' }>; directory: DirectoryFacts }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="success">
      <p>
        {/* Directory text is isolated: a bidi control inside a name cannot reorder the words around it. */}
        <strong>
          Password reset for <bdi>{result.displayName}</bdi>
          {result.email ? (
            <>
              {' ('}
              <bdi>{result.email}</bdi>)
            </>
          ) : null}
        </strong>
      </p>
      <p>
        Sign-in name:{' '}
        <code>
          <bdi>{result.signInName}</bdi>
        </code>{' '}
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard.writeText(result.signInName).then(() => setCopied(true))}
        >
          Copy sign-in name
        </button>{' '}
        {copied ? <span className="muted">Copied.</span> : null}
      </p>
      <ul>
        <li>Give the new password to the person in person or by phone, never by email to the mailbox itself.</li>
        <li>{REQUIRE_CHANGE_TEXT[result.requireChange](directory.name)}</li>
        <li>Their phones and mail clients will stop syncing until they enter the new password there too.</li>
      </ul>
      {result.notice ? <p>{NOTICE_TEXT[result.notice.state](result.notice.to ?? '')}</p> : null}
      {/* h15a: the one-time link, until the lead moves it into the new result view (issue 15). */}
      {result.handover ? <HandoverLink key={result.handover.ref} handoverRef={result.handover.ref} /> : null}
      {result.requestId ? (
        <p className="muted">
          {directory.requestIdLabel}: {result.requestId}
        </p>
      ) : null}
    </div>
  );
}
