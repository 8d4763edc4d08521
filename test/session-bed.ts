/**
 * What the session-check tests (lib/sessions/live*.test.ts) stand on: the demo identity provider
 * on a free port and a fresh SQLite database, both named to lib/config before its first read, and
 * discovery loaded as start-up does (the session check never waits for discovery itself).
 * Registers its own beforeAll/afterAll; call it inside a describe.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { startOidc, type OidcOptions, type RunningOidc } from '../emulators/oidc/provider';
import { Browser, exchange, REDIRECT, signIn } from '../emulators/oidc/tests/flow';
import { loadDiscovery } from '../lib/auth/discovery';
import { freshDatabase, type TestDatabase } from './databases';

export function sessionTestBed(options: Omit<OidcOptions, 'port' | 'redirectUris'> = {}) {
  let oidc: RunningOidc;
  let target: TestDatabase;
  beforeAll(async () => {
    oidc = await startOidc({ port: 0, redirectUris: [REDIRECT], ...options });
    target = await freshDatabase('sqlite');
    process.env.DATABASE_URL = target.url;
    process.env.OIDC_ISSUER = oidc.issuer;
    expect(await loadDiscovery()).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await oidc.close();
    await target.drop();
  });
  return {
    oidc: () => oidc,
    /** A call to the IdP's control API. */
    post: (path: string, body: unknown) =>
      fetch(`${oidc.issuer}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    /** bob's token response from a real code flow. */
    signInBob: async () => {
      const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), 'bob');
      return (await exchange(oidc, done.code!, verifier)).json;
    },
  };
}
