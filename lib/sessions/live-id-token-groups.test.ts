/**
 * The per-request session check against a provider that puts the groups only in the ID token, as
 * Entra ID, Cognito and Okta (groups claim on the ID token) do: userinfo answers without the claim,
 * which must not read as "no groups". A file of its own: lib/config is read once per file, and
 * lib/sessions/live.test.ts needs the bundled IdP's usual shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidc, type RunningOidc } from '../../emulators/oidc/provider';
import { Browser, claims, exchange, REDIRECT, signIn } from '../../emulators/oidc/tests/flow';
import { freshDatabase, type TestDatabase } from '../../test/databases';
import { loadDiscovery } from '../auth/discovery';
import { liveSession } from './live';
import { createSession, readSession } from './store';

const MIN = 60_000;
const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead', groups: ['eng-leads'] };

describe('the session check when userinfo carries no groups', () => {
  let oidc: RunningOidc;
  let target: TestDatabase;
  const post = (path: string, body: unknown) => fetch(`${oidc.issuer}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const signedIn = async () => {
    const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), 'bob');
    const t = (await exchange(oidc, done.code!, verifier)).json;
    // The provider's shape, as the portal meets it: groups in the ID token, none in userinfo.
    expect(claims(t.id_token!)).toMatchObject({ groups: ['eng-leads'] });
    expect(await (await fetch(`${oidc.issuer}/me`, { headers: { authorization: `Bearer ${t.access_token}` } })).json()).not.toHaveProperty('groups');
    return { accessToken: t.access_token!, refreshToken: t.refresh_token! };
  };

  beforeAll(async () => {
    oidc = await startOidc({ port: 0, redirectUris: [REDIRECT], groupsInIdTokenOnly: true });
    target = await freshDatabase('sqlite');
    // Read by lib/config on first use, which is after this.
    process.env.DATABASE_URL = target.url;
    process.env.OIDC_ISSUER = oidc.issuer;
    expect(await loadDiscovery()).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await oidc.close();
    await target.drop();
  });

  it('keeps the groups and the role after the refresh interval, and counts it as a refresh', async () => {
    const now = Date.now();
    const id = await createSession(bob, await signedIn(), 3600, undefined, now);
    expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['eng-leads'] });
    expect(await readSession(id)).toMatchObject({ groups: ['eng-leads'], role: 'lead', groupsRefreshedAt: now + 10 * MIN });
    expect((await readSession(id))?.endReason).toBeUndefined();
  });

  it('takes the groups from the ID token a refresh returns', async () => {
    const now = Date.now();
    const tokens = await signedIn();
    const id = await createSession(bob, { ...tokens, accessTokenExpiresAt: now - 1 }, 3600, undefined, now);
    await post('/__control/accounts/bob', { groups: ['sales-leads'] });
    try {
      expect(await liveSession(id, now + 10 * MIN)).toMatchObject({ groups: ['sales-leads'] });
      expect(await readSession(id)).toMatchObject({ groups: ['sales-leads'], role: 'lead', groupsRefreshedAt: now + 10 * MIN });
    } finally {
      await post('/__control/reset', {});
    }
  });
});
