/** lib/auth/userinfo.ts against the demo IdP over HTTP: fresh claims, a renewed token, and "gone" once the IdP ends the grant. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, startOidc, type RunningOidc } from '../../emulators/oidc/provider';
import { Browser, exchange, REDIRECT, signIn } from '../../emulators/oidc/tests/flow';
import { fetchUserinfo, refreshAccessToken } from './userinfo';

describe('asking the identity provider after sign-in', () => {
  let oidc: RunningOidc;
  let client: { issuer: string; clientId: string; clientSecret: string };
  beforeAll(async () => {
    oidc = await startOidc({ port: 0, redirectUris: [REDIRECT] });
    client = { issuer: oidc.issuer, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret };
  });
  afterAll(() => oidc.close());

  it('reads the groups the IdP holds now, renews the token, and says "gone" once the grant has ended', async () => {
    const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), 'bob');
    const tokens = (await exchange(oidc, done.code!, verifier)).json;
    await fetch(`${oidc.issuer}/__control/accounts/bob`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"groups":["it-admins"]}' });
    expect(await fetchUserinfo(tokens.access_token!, oidc.issuer)).toEqual({ kind: 'ok', value: expect.objectContaining({ sub: 'bob', groups: ['it-admins'] }) });

    const renewed = await refreshAccessToken(tokens.refresh_token!, client);
    expect(renewed).toMatchObject({ kind: 'ok', value: { accessToken: expect.any(String), accessTokenExpiresAt: expect.any(Number) } });
    const fresh = renewed.kind === 'ok' ? renewed.value : undefined;
    expect(await fetchUserinfo(fresh!.accessToken, oidc.issuer)).toMatchObject({ kind: 'ok' });

    await fetch(`${oidc.issuer}/__control/accounts/bob/end-grants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await fetchUserinfo(fresh!.accessToken, oidc.issuer)).toMatchObject({ kind: 'gone' });
    expect(await refreshAccessToken(fresh!.refreshToken ?? tokens.refresh_token!, client)).toMatchObject({ kind: 'gone' });
  });

  it('says "unavailable", not "gone", when the IdP cannot be reached', async () => {
    expect(await fetchUserinfo('any', 'http://127.0.0.1:9')).toMatchObject({ kind: 'unavailable' });
    expect(await refreshAccessToken('any', { ...client, issuer: 'http://127.0.0.1:9' })).toMatchObject({ kind: 'unavailable' });
  });
});
