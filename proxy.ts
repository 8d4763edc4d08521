/**
 * Runs before every request: sets the security headers with a fresh CSP nonce, refuses server
 * actions from other origins, and redirects signed-out visitors to sign-in with the page they
 * asked for. Only an early redirect: every page and action checks the operator itself
 * (lib/auth/actor), as CVE-2025-29927 showed a proxy can be skipped.
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { config as portalConfig } from './lib/config';
import { contentSecurityPolicy, isSameOrigin, securityHeaders } from './lib/security-headers';

const PUBLIC_PATHS = [/^\/sign-in$/, /^\/api\/auth\//, /^\/api\/health$/];
/** A reset form is a few hundred bytes; anything this large is not ours (next.config.js has the same). */
const MAX_ACTION_BYTES = 64 * 1024;

export async function proxy(request: NextRequest) {
  const c = portalConfig();
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, {
    identityProviderOrigin: new URL(c.oidc.issuer).origin,
    development: !c.production,
  });
  const headers = securityHeaders({ csp, https: c.auth.secureCookies });
  const finish = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
  const { pathname, search } = request.nextUrl;

  // Next.js lets a server action without an Origin header through with a warning; we do not.
  if (request.method === 'POST' && request.headers.has('next-action')) {
    if (!isSameOrigin(request.headers.get('origin'), c.auth.url, c.allowedOrigins)) {
      return finish(NextResponse.json({ error: 'Cross-origin request refused.' }, { status: 403 }));
    }
    if (Number(request.headers.get('content-length') ?? 0) > MAX_ACTION_BYTES) {
      return finish(NextResponse.json({ error: 'The request is too large.' }, { status: 413 }));
    }
  }

  if (!PUBLIC_PATHS.some((p) => p.test(pathname))) {
    const token = await getToken({ req: request, secret: c.auth.secret, secureCookie: c.auth.secureCookies });
    if (!token) {
      if (pathname.startsWith('/api/')) return finish(NextResponse.json({ error: 'Sign in first.' }, { status: 401 }));
      const signIn = new URL('/sign-in', c.auth.url);
      if (pathname !== '/' || search) signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
      return finish(NextResponse.redirect(signIn));
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  return finish(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
