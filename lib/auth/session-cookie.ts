/**
 * The session cookie. Over https it is named `__Host-…`: the browser then accepts it only when
 * Secure, with Path=/ and no Domain, so no sibling subdomain can set or overwrite it
 * (RFC 6265bis §4.1.3.2). Over plain http (local development) the prefix is not allowed.
 */
import type { CookieOption } from 'next-auth';

/**
 * The session cookie under any name it may carry (`__Host-` over https, none over http; an older
 * deployment's `__Secure-`), and its chunks: next-auth splits a large token into `.0`, `.1`, …
 * The chunk number is the first group. Sign-out clears every cookie it matches; readers take only
 * this deployment's exact name (`sessionCookieName`, lib/auth/session-token.ts's joinSessionCookie).
 */
export const SESSION_COOKIE_PATTERN = /^(?:__Secure-|__Host-)?next-auth\.session-token(?:\.(\d+))?$/;

export function sessionCookieName(secure: boolean): string {
  return `${secure ? '__Host-' : ''}next-auth.session-token`;
}

export function sessionCookie(secure: boolean): CookieOption {
  return { name: sessionCookieName(secure), options: { httpOnly: true, sameSite: 'lax', path: '/', secure } };
}
