/**
 * The session cookie. Over https it is named `__Host-…`: the browser then accepts it only when
 * Secure, with Path=/ and no Domain, so no sibling subdomain can set or overwrite it
 * (RFC 6265bis §4.1.3.2). Over plain http (local development) the prefix is not allowed.
 */
import type { CookieOption } from 'next-auth';

export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}next-auth.session-token`;
}

export function sessionCookie(secure: boolean): CookieOption {
  return { name: sessionCookieName(secure), options: { httpOnly: true, sameSite: 'lax', path: '/', secure } };
}
