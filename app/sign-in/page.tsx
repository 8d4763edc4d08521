import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInButton } from '@/components/sign-in-button';
import { getActor } from '@/lib/auth/current-actor';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { signInAuthorizationParams } from '@/lib/auth/logout';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { config } from '@/lib/config';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, config().auth.url);
  if (await getActor()) redirect(callbackUrl);
  const error = signInErrorMessage(typeof params.error === 'string' ? params.error : undefined);
  return (
    <main className="page narrow">
      <h1>WorkMail Reset Portal</h1>
      <p>Reset a mailbox password for someone you manage. Sign in with your company account to continue.</p>
      {error ? (
        <p role="alert" className="alert">
          {error.message}
          {error.code ? ` (Error code for IT: ${error.code}.)` : null}
        </p>
      ) : null}
      <SignInButton
        callbackUrl={callbackUrl}
        providerName={config().oidc.providerName}
        authorizationParams={await signInAuthorizationParams()}
      />
    </main>
  );
}
