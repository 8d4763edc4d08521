/**
 * Over https the session cookie is __Host-prefixed (lib/auth/session-cookie.ts); the proxy's early
 * redirect must find it under that name, or it would send every signed-in operator back to sign-in.
 */
import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';

const ORIGIN = 'https://portal.example.test';
const SECRET = 'proxy-https-test-secret-0123456789abcdef';
let proxy: typeof import('../proxy').proxy;

beforeAll(async () => {
  Object.assign(process.env, { NEXTAUTH_URL: ORIGIN, NEXTAUTH_SECRET: SECRET });
  ({ proxy } = await import('../proxy'));
});

describe('the proxy over https', () => {
  it('lets a request with the __Host- session cookie through, and redirects one without it', async () => {
    const token = await encode({ token: { sub: 'alice', email: 'alice@example.com' }, secret: SECRET });
    const signedIn = await proxy(new NextRequest(`${ORIGIN}/users`, { headers: { cookie: `__Host-next-auth.session-token=${token}` } }));
    expect(signedIn.headers.get('location')).toBeNull();
    expect(signedIn.headers.get('x-middleware-next')).toBe('1');
    const signedOut = await proxy(new NextRequest(`${ORIGIN}/users`));
    expect(signedOut.headers.get('location')).toMatch(/^https:\/\/portal\.example\.test\/sign-in/);
  });
});
