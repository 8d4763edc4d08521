import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInButton } from '@/components/sign-in-button';
import { getActor } from '@/lib/auth/actor';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { config } from '@/lib/config';

export const metadata: Metadata = { title: 'Sign in' };

/** next-auth's error codes (?error=) in words an operator can act on. */
const ERRORS: Record<string, string> = {
  OAuthSignin: 'Could not start signing in with the identity provider. Try again; if it persists, tell IT.',
  OAuthCallback: 'The identity provider did not complete the sign-in. Try again.',
  AccessDenied: 'The identity provider refused the sign-in.',
  SessionRequired: 'Please sign in to continue.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, config().auth.url);
  if (await getActor()) redirect(callbackUrl);
  const errorCode = typeof params.error === 'string' ? params.error : undefined;
  const error = errorCode ? (ERRORS[errorCode] ?? 'Signing in failed. Try again; if it persists, tell IT.') : undefined;
  return (
    <main className="page narrow">
      <h1>WorkMail Reset Portal</h1>
      <p>Reset a mailbox password for someone you manage. Sign in with your company account to continue.</p>
      {error ? (
        <p role="alert" className="alert">
          {error}
        </p>
      ) : null}
      <SignInButton callbackUrl={callbackUrl} providerName={config().oidc.providerName} />
    </main>
  );
}
