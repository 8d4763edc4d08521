'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

/** `authorizationParams`: extra parameters for the identity provider, e.g. `prompt=login` after a Sign out (lib/auth/logout). */
export function SignInButton({
  callbackUrl,
  providerName,
  authorizationParams,
}: {
  callbackUrl: string;
  providerName: string;
  authorizationParams?: Record<string, string>;
}) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button primary"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn('oidc', { callbackUrl }, authorizationParams);
      }}
    >
      Sign in with {providerName}
    </button>
  );
}
