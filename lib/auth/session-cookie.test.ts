import { describe, expect, it } from 'vitest';
import { authOptions } from './options';
import { SESSION_COOKIE_PATTERN, sessionCookie, sessionCookieName } from './session-cookie';

describe('the session cookie', () => {
  it('is a __Host- cookie over https: Secure, Path=/, no Domain', () => {
    const cookie = sessionCookie(true);
    expect(cookie.name).toBe('__Host-next-auth.session-token');
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
    expect(cookie.options).not.toHaveProperty('domain');
  });

  it('has no prefix over plain http, where browsers refuse __Host- and __Secure- cookies', () => {
    expect(sessionCookie(false)).toEqual({
      name: 'next-auth.session-token',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false },
    });
  });

  it('is what next-auth is configured with', () => {
    // The test environment's NEXTAUTH_URL is the http default.
    expect(authOptions().cookies?.sessionToken).toEqual(sessionCookie(false));
  });

  it('is found by the one pattern its readers use (sign-out, the IdP logout), whole or in chunks, over https and http', () => {
    for (const secure of [true, false]) {
      const name = sessionCookieName(secure);
      expect(SESSION_COOKIE_PATTERN.exec(name)?.[1]).toBeUndefined();
      expect(SESSION_COOKIE_PATTERN.exec(`${name}.1`)?.[1]).toBe('1');
    }
    expect(SESSION_COOKIE_PATTERN.test('next-auth.csrf-token')).toBe(false);
    expect(SESSION_COOKIE_PATTERN.test('evil-next-auth.session-token')).toBe(false);
  });
});
