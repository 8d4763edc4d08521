import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '../proxy';
import { config } from './config';
import { bodyTooLarge, changesState, fromOwnPages, MAX_BODY_BYTES, vouchedOrigin } from './request-guard';

const PORTAL = 'https://reset.example.com';

describe('fromOwnPages', () => {
  it.each([
    [{ origin: PORTAL }],
    [{ origin: PORTAL, 'sec-fetch-site': 'same-origin' }],
    [{ 'sec-fetch-site': 'same-origin' }],
    // A form posted before the page's script ran, under Referrer-Policy: no-referrer.
    [{ origin: 'null', 'sec-fetch-site': 'same-origin' }],
    [{ origin: 'https://proxy.example.net' }],
  ])('lets %j through', (headers) => {
    expect(fromOwnPages(new Headers(headers), PORTAL, ['proxy.example.net'])).toBe(true);
  });

  it.each([
    [{}],
    [{ origin: 'https://evil.example' }],
    [{ origin: 'null' }],
    // A sandboxed frame or a data: URL elsewhere: opaque origin, and the browser says cross-site.
    [{ origin: 'null', 'sec-fetch-site': 'cross-site' }],
    [{ origin: 'null', 'sec-fetch-site': 'same-site' }],
    [{ origin: 'http://reset.example.com' }],
    [{ origin: 'https://reset.example.com.evil.example' }],
    [{ 'sec-fetch-site': 'cross-site' }],
    [{ 'sec-fetch-site': 'same-site' }],
    [{ 'sec-fetch-site': 'none' }],
    [{ origin: PORTAL, 'sec-fetch-site': 'cross-site' }],
    [{ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }],
  ])('refuses %j', (headers) => {
    expect(fromOwnPages(new Headers(headers), PORTAL, ['proxy.example.net'])).toBe(false);
  });
});

describe('vouchedOrigin', () => {
  const allowed = ['proxy.example.net'];
  it('replaces only a null Origin', () => {
    expect(vouchedOrigin(new Headers({ origin: PORTAL, host: 'reset.example.com' }), PORTAL, allowed)).toBeUndefined();
    expect(vouchedOrigin(new Headers({ origin: 'https://proxy.example.net' }), PORTAL, allowed)).toBeUndefined();
    expect(vouchedOrigin(new Headers({ host: 'reset.example.com' }), PORTAL, allowed)).toBeUndefined();
  });

  it('with the address the browser posted to, when it is the portal’s or an allowed host', () => {
    expect(vouchedOrigin(new Headers({ origin: 'null', host: 'reset.example.com' }), `${PORTAL}/base`, allowed)).toBe(PORTAL);
    // Behind a reverse proxy with another public name, listed in ALLOWED_ORIGINS.
    const proxied = { origin: 'null', host: '127.0.0.1:3000', 'x-forwarded-host': 'proxy.example.net', 'x-forwarded-proto': 'https' };
    expect(vouchedOrigin(new Headers(proxied), PORTAL, allowed)).toBe('https://proxy.example.net');
  });

  it('otherwise with the portal’s own origin', () => {
    expect(vouchedOrigin(new Headers({ origin: 'null', host: 'evil.example' }), PORTAL, allowed)).toBe(PORTAL);
    expect(vouchedOrigin(new Headers({ origin: 'null' }), PORTAL, allowed)).toBe(PORTAL);
  });
});

describe('changesState', () => {
  it('treats every method but GET and HEAD as changing state', () => {
    expect(['GET', 'HEAD'].map(changesState)).toEqual([false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map(changesState)).toEqual([true, true, true, true, true]);
  });
});

describe('bodyTooLarge', () => {
  const chunked = (bytes: number) =>
    new Request('http://x/', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let sent = 0; sent < bytes; sent += 1000) controller.enqueue(new Uint8Array(Math.min(1000, bytes - sent)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  it('reads a declared length', async () => {
    const withLength = (n: string) => new Request('http://x/', { method: 'POST', headers: { 'content-length': n } });
    expect(await bodyTooLarge(withLength(String(MAX_BODY_BYTES)))).toBe(false);
    expect(await bodyTooLarge(withLength(String(MAX_BODY_BYTES + 1)))).toBe(true);
    expect(await bodyTooLarge(withLength('1e9'))).toBe(true);
  });

  it('counts a chunked body without a length', async () => {
    expect(chunked(10).headers.get('content-length')).toBeNull();
    expect(await bodyTooLarge(chunked(MAX_BODY_BYTES))).toBe(false);
    expect(await bodyTooLarge(chunked(MAX_BODY_BYTES + 1))).toBe(true);
    expect(await bodyTooLarge(new Request('http://x/', { method: 'POST' }))).toBe(false);
  });
});

describe('proxy.ts', () => {
  const origin = () => new URL(config().auth.url).origin;
  const request = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string }) =>
    new NextRequest(new URL(path, origin()), init);

  it('refuses a no-JavaScript action POST (a multipart form, no Next-Action header) without Origin', async () => {
    const form = new FormData();
    form.set('$ACTION_ID_0123456789abcdef', '');
    const res = await proxy(new NextRequest(new URL('/users/example/jane', origin()), { method: 'POST', body: form }));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('hands a no-JavaScript form from its own pages (Origin null, Sec-Fetch-Site same-origin) on with the portal’s origin', async () => {
    const form = new FormData();
    form.set('$ACTION_ID_0123456789abcdef', '');
    const headers = { origin: 'null', 'sec-fetch-site': 'same-origin' };
    const res = await proxy(new NextRequest(new URL('/sign-in', origin()), { method: 'POST', headers, body: form }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-middleware-request-origin')).toBe(origin());
    // The same null Origin from a sandboxed frame elsewhere: the browser says cross-site.
    const framed = { origin: 'null', 'sec-fetch-site': 'cross-site' };
    expect((await proxy(new NextRequest(new URL('/sign-in', origin()), { method: 'POST', headers: framed, body: form }))).status).toBe(403);
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('refuses %s from another site', async (method) => {
    expect((await proxy(request('/api/auth/signout', { method, headers: { origin: 'https://evil.example' } }))).status).toBe(403);
  });

  it('refuses an oversized body from its own origin', async () => {
    const res = await proxy(
      request('/api/auth/signout', { method: 'POST', headers: { origin: origin() }, body: 'x'.repeat(MAX_BODY_BYTES + 1) }),
    );
    expect(res.status).toBe(413);
  });

  it("drops a client's X-Forwarded-For and X-Real-IP (no trusted proxy by default)", async () => {
    expect(config().trustedProxyHops).toBe(0);
    const res = await proxy(
      request('/api/health/ready', { headers: { 'x-forwarded-for': '198.51.100.66', 'x-real-ip': '198.51.100.67' } }),
    );
    const forwarded = (res.headers.get('x-middleware-override-headers') ?? '').split(',');
    expect(forwarded).toContain('x-nonce');
    expect(forwarded).not.toContain('x-forwarded-for');
    expect(forwarded).not.toContain('x-real-ip');
  });

  it('sends a signed-out visitor to sign-in with only a local return path', async () => {
    // A request line of `//evil.example/x` (curl --path-as-is); followed as given it leaves the portal.
    const res = await proxy(new NextRequest(`${origin()}//evil.example/x`));
    const location = new URL(res.headers.get('location')!);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('callbackUrl')).toBe('/users');
  });
});
