/**
 * Which paths run proxy.ts (security headers, the Origin and body-size checks, the sign-in
 * redirect): everything but Next's own static files, the favicon and the liveness file
 * (public/api/health, its headers from next.config.ts), matched exactly, so a path such as
 * /favicon.icoX, /_next/staticX or /api/healthX cannot skip the proxy.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

let matches: (url: string) => boolean;
beforeAll(async () => {
  // Next's testing helper expects the runtime's AsyncLocalStorage global, as its server sets it.
  (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
  const { unstable_doesMiddlewareMatch } = await import('next/experimental/testing/server.js');
  const { config } = await import('../proxy');
  matches = (url) => unstable_doesMiddlewareMatch({ config, url });
});

describe("the proxy's matcher", () => {
  it('runs on every page, action and API route, readiness included', () => {
    for (const url of ['/', '/users', '/users/example/jane.doe', '/api/auth/signout', '/api/health/ready', '/sign-in'])
      expect(matches(url), url).toBe(true);
  });

  it("skips only Next's static files, its image route, the favicon and the liveness file, matched exactly", () => {
    for (const url of ['/_next/static/chunks/app.js', '/_next/image', '/favicon.ico', '/api/health']) expect(matches(url), url).toBe(false);
    for (const url of [
      '/favicon.icoX/a',
      '/favicon.ico/x',
      '/_next/staticX',
      '/_next/imageX',
      '/faviconXico',
      '/api/healthz',
      '/api/health/x',
    ])
      expect(matches(url), url).toBe(true);
  });

  it('leaves out only addresses that a file answers, so no page (app/(portal)/[...missing]) renders without it', () => {
    // Public files come before every route; a missing one would fall to the catch-all page, which would then
    // render the operator's banner and take server actions with neither the proxy's headers nor its checks.
    for (const file of ['public/favicon.ico', 'public/api/health']) expect(existsSync(file), file).toBe(true);
  });
});
