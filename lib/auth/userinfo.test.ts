/**
 * lib/auth/userinfo.ts against the demo IdP over HTTP: fresh claims, a renewed token, "gone" once
 * the IdP ends the grant, and the endpoints and client authentication of the portal's discovery
 * (a document apart from the issuer, a client allowed only client_secret_post).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, startOidc, type RunningOidc } from '../../emulators/oidc/provider';
import { Browser, exchange, REDIRECT, signIn } from '../../emulators/oidc/tests/flow';
import { fetchDiscovery, loadDiscovery } from './discovery';
import type { Discovery } from './provider-settings';
import { fetchUserinfo, refreshAccessToken } from './userinfo';

const post = (oidc: RunningOidc, path: string, body: unknown) =>
  fetch(`${oidc.issuer}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function discoveryOf(oidc: RunningOidc, url = `${oidc.issuer}/.well-known/openid-configuration`): Promise<Discovery> {
  const state = await fetchDiscovery(url, { issuer: oidc.issuer });
  if (!state.ok) throw new Error(state.error);
  return state.discovery;
}

describe('asking the identity provider after sign-in', () => {
  // Provider and client given in full: lib/config is left for the last block to configure.
  const client = DEMO_CLIENT;
  let oidc: RunningOidc;
  let idp: Discovery;
  beforeAll(async () => {
    oidc = await startOidc({ port: 0, redirectUris: [REDIRECT] });
    idp = await discoveryOf(oidc);
  });
  afterAll(() => oidc.close());

  it('reads the groups the IdP holds now, renews the token, and says "gone" once the grant has ended', async () => {
    const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), 'bob');
    const tokens = (await exchange(oidc, done.code!, verifier)).json;
    await post(oidc, '/__control/accounts/bob', { groups: ['it-admins'] });
    expect(await fetchUserinfo(tokens.access_token!, { idp })).toEqual({
      kind: 'ok',
      value: expect.objectContaining({ sub: 'bob', groups: ['it-admins'] }),
    });

    const renewed = await refreshAccessToken(tokens.refresh_token!, { idp, client });
    expect(renewed).toMatchObject({
      kind: 'ok',
      value: { accessToken: expect.any(String), accessTokenExpiresAt: expect.any(Number), idClaims: { sub: 'bob', groups: ['it-admins'] } },
    });
    const fresh = renewed.kind === 'ok' ? renewed.value : undefined;
    expect(await fetchUserinfo(fresh!.accessToken, { idp })).toMatchObject({ kind: 'ok' });

    await post(oidc, '/__control/accounts/bob/end-grants', {});
    expect(await fetchUserinfo(fresh!.accessToken, { idp })).toMatchObject({ kind: 'gone' });
    expect(await refreshAccessToken(fresh!.refreshToken ?? tokens.refresh_token!, { idp, client })).toMatchObject({ kind: 'gone' });
    await post(oidc, '/__control/reset', {});
  });

  it('says "unavailable", not "gone", when the IdP cannot be reached or answers 503', async () => {
    const nowhere = { ...idp, userinfoEndpoint: 'http://127.0.0.1:9/me', tokenEndpoint: 'http://127.0.0.1:9/token' };
    expect(await fetchUserinfo('any', { idp: nowhere })).toMatchObject({ kind: 'unavailable' });
    expect(await refreshAccessToken('any', { idp: nowhere, client })).toMatchObject({ kind: 'unavailable' });
    await post(oidc, '/__control/outage', { down: true });
    expect(await fetchUserinfo('any', { idp })).toEqual({ kind: 'unavailable', why: 'userinfo answered 503' });
    await post(oidc, '/__control/outage', { down: false });
  });
});

describe("with the portal's own discovery: a document apart from the issuer, a client allowed only client_secret_post", () => {
  const discoveryPath = '/tenant/v2.0/.well-known/openid-configuration';
  let oidc: RunningOidc;
  beforeAll(async () => {
    oidc = await startOidc({ port: 0, redirectUris: [REDIRECT], discoveryPath, clientAuthMethod: 'client_secret_post' });
    // Read by lib/config on first use, which is after this.
    process.env.OIDC_ISSUER = oidc.issuer;
    process.env.OIDC_DISCOVERY_URL = `${oidc.issuer}${discoveryPath}`;
    expect(await loadDiscovery()).toMatchObject({ ok: true, discovery: { tokenAuthMethod: 'client_secret_post' } });
  });
  afterAll(() => oidc.close());

  it('renews the token and reads userinfo at the endpoints and with the authentication discovery gave', async () => {
    // The setting is real: the issuer's usual discovery URL has nothing, and the client may not use Basic.
    expect((await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).status).toBe(404);
    const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), 'bob');
    const tokens = (await exchange(oidc, done.code!, verifier, 'client_secret_post')).json;
    const basic = { ...(await discoveryOf(oidc, `${oidc.issuer}${discoveryPath}`)), tokenAuthMethod: 'client_secret_basic' as const };
    expect(await refreshAccessToken(tokens.refresh_token!, { idp: basic, client: DEMO_CLIENT })).toMatchObject({
      kind: 'unavailable',
      why: expect.stringMatching(/401 invalid_client/),
    });

    const renewed = await refreshAccessToken(tokens.refresh_token!);
    expect(renewed).toMatchObject({ kind: 'ok', value: { accessToken: expect.any(String) } });
    const fresh = renewed.kind === 'ok' ? renewed.value.accessToken : '';
    expect(await fetchUserinfo(fresh)).toEqual({ kind: 'ok', value: expect.objectContaining({ sub: 'bob' }) });
  });
});
