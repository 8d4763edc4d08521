import { describe, expect, it } from 'vitest';
import { authOptions } from './options';
import { sessionCookie } from './session-cookie';

describe('the session cookie', () => {
  it('is a __Host- cookie over https: Secure, Path=/, no Domain', () => {
    const cookie = sessionCookie(true);
    expect(cookie.name).toBe('__Host-next-auth.session-token');
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
    expect(cookie.options).not.toHaveProperty('domain');
  });

  it('has no prefix over plain http, where browsers refuse __Host- and __Secure- cookies', () => {
    expect(sessionCookie(false)).toEqual({ name: 'next-auth.session-token', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false } });
  });

  it('is what next-auth is configured with', () => {
    // The test environment's NEXTAUTH_URL is the http default.
    expect(authOptions().cookies?.sessionToken).toEqual(sessionCookie(false));
  });
});
