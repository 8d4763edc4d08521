/**
 * Runs before every request: sets the security headers with a fresh CSP nonce, refuses
 * state-changing requests from other origins or with oversized bodies (lib/request-guard),
 * drops a client's own X-Forwarded-For when no proxy is trusted (lib/request-client), and
 * redirects signed-out visitors to sign-in with the page they asked for. Only an early redirect:
 * every page and action checks the operator itself (lib/auth/current-actor), as CVE-2025-29927 showed a
 * proxy can be skipped.
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { safeCallbackPath } from './lib/auth/callback-url';
import { decode } from './lib/auth/jwt-codec';
import { sessionCookieName } from './lib/auth/session-cookie';
import { config as portalConfig } from './lib/config';
import { bodyTooLarge, changesState, fromOwnPages, vouchedOrigin } from './lib/request-guard';
import { freshSecurityHeaders } from './lib/response-headers';

// The one-time link's page needs no sign-in: the person it is for may be locked out (docs/handover.md).
const PUBLIC_PATHS = [/^\/sign-in$/, /^\/api\/auth\//, /^\/api\/health\/ready$/, /^\/handover\/[^/]+$/];

export async function proxy(request: NextRequest) {
  const c = portalConfig();
  const { nonce, csp, headers } = freshSecurityHeaders();
  const finish = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
  const { pathname, search } = request.nextUrl;

  // Next.js runs server actions from headerless multipart forms too, and lets a missing Origin
  // through with a warning; we refuse every state-changing request not sent by our own pages.
  let origin: string | undefined;
  if (changesState(request.method)) {
    if (!fromOwnPages(request.headers, c.auth.url, c.allowedOrigins)) {
      return finish(NextResponse.json({ error: 'Cross-origin request refused.' }, { status: 403 }));
    }
    if (await bodyTooLarge(request)) {
      return finish(NextResponse.json({ error: 'The request is too large.' }, { status: 413 }));
    }
    // A form posted before its page's script ran arrives with `Origin: null` (lib/request-guard).
    origin = vouchedOrigin(request.headers, c.auth.url, c.allowedOrigins);
  }

  if (!PUBLIC_PATHS.some((p) => p.test(pathname))) {
    const token = await getToken({
      req: request,
      secret: c.auth.secret,
      secureCookie: c.auth.secureCookies,
      // Over https the cookie is __Host-prefixed, which getToken would not look for by itself.
      cookieName: sessionCookieName(c.auth.secureCookies),
      decode,
    });
    // A form action posted after the session ended (signed out in another tab) reaches its action,
    // which answers "signed out" in the page instead of the form vanishing into a redirect.
    const formAction = request.method === 'POST' && request.headers.has('next-action') && !pathname.startsWith('/api/');
    if (!token && !formAction) {
      if (pathname.startsWith('/api/')) return finish(NextResponse.json({ error: 'Sign in first.' }, { status: 401 }));
      const signIn = new URL('/sign-in', c.auth.url);
      if (pathname !== '/' || search) signIn.searchParams.set('callbackUrl', safeCallbackPath(`${pathname}${search}`, c.auth.url));
      return finish(NextResponse.redirect(signIn));
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  // With no trusted proxy the client's X-Forwarded-For is a claim; without it, Next.js fills the
  // header with the connection's own address, which lib/request-client then records.
  if (c.trustedProxyHops === 0) requestHeaders.delete('x-forwarded-for');
  if (origin) requestHeaders.set('origin', origin);
  requestHeaders.delete('x-real-ip');
  return finish(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  // Exact exclusions: a bare prefix would let /favicon.icoX or /_next/staticX skip every check here.
  // `/api/health` (liveness) is a static file with its headers from next.config.ts: load balancers
  // call it every few seconds, and through this proxy it cost twice as much (docs/decisions/010-request-cost.md).
  matcher: ['/((?!_next/static/|_next/image$|favicon\\.ico$|api/health$).*)'],
};
