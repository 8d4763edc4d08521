'use client';

import { useEffect, useRef } from 'react';
import type { Remaining } from '@/lib/reset/rate-limit';

export interface ConfirmFacts {
  personName: string;
  directoryName: string;
  canForceChangeAtNextSignIn: boolean;
  /** Whether "Require a password change at next sign-in" is ticked (read when the dialog opens). */
  requireChange: boolean;
  /** Who the portal tells about the reset (e.g. "Jane Doe, by email"); undefined: nobody. */
  notifiedWho?: string;
  /** Where the directory's own log (CloudTrail) names only the portal, the sentence that says so. */
  activityLogNotice?: string;
  /** Resets left this hour, computed on the server when the page was made (lib/reset/rate-limit.ts). */
  remaining: Remaining;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The last look before the irreversible step: a native modal <dialog>, so the page behind it is
 * inert (focus stays inside, Escape cancels) and the browser gives it role dialog. Closing it in
 * any way but Confirm returns focus to where it was.
 */
export function ConfirmResetDialog({
  open,
  facts,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  facts: ConfirmFacts;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const confirmed = useRef(false);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      confirmed.current = false;
      d.showModal();
      // An irreversible step asks for a deliberate choice: Cancel holds the focus first.
      cancel.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);

  const closed = () => {
    if (!confirmed.current && opener.current instanceof HTMLElement) opener.current.focus();
    if (!confirmed.current) onCancel();
  };

  const { personName, directoryName, remaining } = facts;
  return (
    <dialog
      ref={dialog}
      onClose={closed}
      aria-labelledby="confirm-reset-title"
      aria-describedby="confirm-reset-what"
      className="confirm-dialog"
    >
      <h2 id="confirm-reset-title">
        Reset the password of <bdi>{personName}</bdi>?
      </h2>
      <p id="confirm-reset-what">This cannot be undone. When you confirm:</p>
      <ul>
        <li>
          The old password stops working at once; <bdi>{personName}</bdi>’s phones and mail clients stop syncing until they enter the new
          password there too.
        </li>
        <li>
          {!facts.canForceChangeAtNextSignIn
            ? `${directoryName} cannot force a change at next sign-in: ask them to change it themselves straight away.`
            : facts.requireChange
              ? 'They must choose a new password of their own when they next sign in.'
              : 'They keep this password until they change it (“Require a password change” is not ticked).'}
        </li>
        <li>{facts.notifiedWho ? `The portal tells ${facts.notifiedWho}.` : 'The portal tells nobody: let them know yourself.'}</li>
        {facts.activityLogNotice ? <li>{facts.activityLogNotice}</li> : null}
      </ul>
      <p className="muted">
        Left this hour: {plural(remaining.operator, 'reset', 'resets')} by you, {plural(remaining.person, 'reset', 'resets')} of{' '}
        <bdi>{personName}</bdi>.
      </p>
      <div className="buttons">
        <button
          type="button"
          className="button primary"
          onClick={() => {
            confirmed.current = true;
            dialog.current?.close();
            onConfirm();
          }}
        >
          Confirm reset
        </button>
        <button ref={cancel} type="button" className="button" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
