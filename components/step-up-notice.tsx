'use client';

import { signIn } from 'next-auth/react';
import { usePathname } from 'next/navigation';
import { useId, useState } from 'react';
import { STEP_UP_AUTHORIZATION_PARAMS, STEP_UP_TEXT, type StepUpReason } from '@/lib/auth/step-up';

/**
 * "Confirm it's you" (lib/auth/step-up.ts): the operator's sign-in is too old or too weak for a
 * reset. The button signs in again at the identity provider with `prompt=login` and `max_age=0`
 * and comes back to this page (the form's contents are not kept; nothing else changes).
 */
export function StepUpNotice({ reason = 'stale', callbackUrl }: { reason?: StepUpReason; callbackUrl?: string }) {
  const pathname = usePathname();
  const [pending, setPending] = useState(false);
  const heading = useId();
  return (
    <section className="notice" role="alert" aria-labelledby={heading}>
      <h3 id={heading}>Confirm it&apos;s you</h3>
      <p>{STEP_UP_TEXT[reason]}</p>
      <button
        type="button"
        className="button primary"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signIn('oidc', { callbackUrl: callbackUrl ?? pathname }, STEP_UP_AUTHORIZATION_PARAMS);
        }}
      >
        Sign in again
      </button>
    </section>
  );
}
