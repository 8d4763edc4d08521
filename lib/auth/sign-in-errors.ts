/**
 * next-auth's error codes (the sign-in page's `?error=`) in words an operator can act on: what
 * happened and what to do next. The codes are next-auth 4's (its pages/signin and pages/error);
 * those of features the portal does not use (e-mail and password sign-in, linked accounts) fall
 * to the default. Only known codes are named back, so the page never echoes arbitrary text.
 */
import { PRODUCT_NAME } from '../product';

const MESSAGES: Record<string, string> = {
  OAuthSignin:
    'Could not start signing in: the portal could not use the identity provider (it may be down or its address may be set wrongly). Try again in a minute; if it keeps happening, tell IT: the portal’s log names the address it tried.',
  OAuthCallback:
    'The identity provider sent you back, but the portal could not complete the sign-in (for example it refused the portal’s client credentials, or signed the token in a way the portal was not set up for). Try again; if it keeps happening, tell IT: the portal’s log has the reason.',
  Callback:
    'The identity provider ended the sign-in with an error, or the sign-in was cancelled (for example the provider does not allow PKCE for this portal). Try again; if it keeps happening, tell IT: the portal’s log has the provider’s error code.',
  AccessDenied: `The identity provider refused to sign you in to this portal. If you should have access, ask IT to assign you to the ${PRODUCT_NAME} application at the identity provider.`,
  Configuration: 'Signing in is not set up correctly on the portal. Tell IT: the portal’s log says what is wrong.',
  SessionRequired: 'Please sign in to continue.',
  SessionExpired: 'Your session has ended. Sign in again to continue.',
  Default: 'Signing in failed. Try again; if it keeps happening, tell IT the time you tried, so they can find it in the portal’s log.',
};

/** The message for `?error=`, or undefined when there is none; unknown codes get the default. */
export function signInErrorMessage(code: string | undefined): { message: string; code?: string } | undefined {
  if (!code) return undefined;
  const known = Object.hasOwn(MESSAGES, code);
  return { message: known ? MESSAGES[code]! : MESSAGES.Default!, code: known && code !== 'SessionRequired' ? code : undefined };
}
