import 'server-only';
/**
 * Where Sign out sends the browser (docs/identity-providers.md). With OIDC_LOGOUT=idp (the
 * default) the identity provider's session ends too, so the next person at a shared desk is asked
 * for a password: through the provider's end_session_endpoint (OpenID Connect RP-Initiated Logout
 * 1.0) with the session's ID token as `id_token_hint` and back to /sign-in; or, where the provider
 * offers no such endpoint, by marking this browser so that its next sign-in sends `prompt=login`.
 */
import { cookies } from 'next/headers';
import { config } from '../config';
import { discovered } from './discovery';
import { decode } from './jwt-codec';
import { sessionCookieName } from './session-cookie';
import { joinSessionCookie } from './session-token';

/** Set by Sign out when the provider's session could not be ended: the next sign-in asks for the password. */
const REAUTH_COOKIE = 'portal.reauth';

export type LogoutPlan = { kind: 'idp'; url: string } | { kind: 'reauth' } | { kind: 'local' };

/** Pure: what Sign out does for this configuration, provider and session. */
export function logoutPlan(options: {
  logout: 'idp' | 'local';
  endSessionEndpoint?: string;
  idToken?: string;
  clientId: string;
  postLogoutRedirectUri: string;
}): LogoutPlan {
  if (options.logout === 'local') return { kind: 'local' };
  if (!options.endSessionEndpoint || !options.idToken) return { kind: 'reauth' };
  const url = new URL(options.endSessionEndpoint);
  url.searchParams.set('id_token_hint', options.idToken);
  url.searchParams.set('post_logout_redirect_uri', options.postLogoutRedirectUri);
  url.searchParams.set('client_id', options.clientId);
  return { kind: 'idp', url: url.toString() };
}

/** The session's ID token, from next-auth's (possibly chunked) session cookie. */
async function sessionIdToken(): Promise<string | undefined> {
  // By this deployment's exact name, as pages read it: a plain-named cookie planted next to the
  // __Host- one cannot spoil the join.
  const value = joinSessionCookie((await cookies()).getAll(), sessionCookieName(config().auth.secureCookies));
  if (!value) return undefined;
  const token = await decode({ token: value, secret: config().auth.secret }).catch(() => null);
  return typeof token?.idToken === 'string' ? token.idToken : undefined;
}

/** Call before the session cookie is deleted: the URL to send the browser to after Sign out. */
export async function signOutTarget(): Promise<string> {
  const c = config();
  const plan = logoutPlan({
    logout: c.oidc.logout,
    endSessionEndpoint: discovered()?.endSessionEndpoint,
    idToken: await sessionIdToken(),
    clientId: c.oidc.clientId,
    postLogoutRedirectUri: `${c.auth.url}/sign-in`,
  });
  if (plan.kind === 'idp') return plan.url;
  if (plan.kind === 'reauth') {
    (await cookies()).set(REAUTH_COOKIE, '1', {
      httpOnly: true,
      sameSite: 'lax',
      secure: c.auth.secureCookies,
      path: '/',
      maxAge: c.auth.sessionMaxAgeSeconds,
    });
  }
  return '/sign-in';
}

/** Extra authorization parameters for the next sign-in from this browser (read by the sign-in page). */
export async function signInAuthorizationParams(): Promise<Record<string, string> | undefined> {
  return (await cookies()).get(REAUTH_COOKIE) ? { prompt: 'login' } : undefined;
}
