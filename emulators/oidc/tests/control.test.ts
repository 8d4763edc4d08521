/** The IdP's control API over HTTP: groups changed for new tokens and userinfo, grants ended, reset, and what it refuses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, startOidc, type RunningOidc } from '../provider';
import { Browser, claims, exchange, REDIRECT, signIn } from './flow';

const json = { 'content-type': 'application/json' };

describe('the demo IdP control API', () => {
  let oidc: RunningOidc;
  const post = (path: string, body: unknown, headers: Record<string, string> = json) =>
    fetch(`${oidc.issuer}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const tokensFor = async (username: string) => {
    const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), username);
    return (await exchange(oidc, done.code!, verifier)).json;
  };
  const userinfo = (accessToken: string) => fetch(`${oidc.issuer}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  const refresh = (refreshToken: string) =>
    fetch(`${oidc.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${DEMO_CLIENT.clientId}:${DEMO_CLIENT.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    });

  beforeAll(async () => {
    oidc = await startOidc({ port: 0, redirectUris: [REDIRECT] });
  });
  afterAll(() => oidc.close());

  it("changes an operator's groups for userinfo and later sign-ins, and resets to the seed", async () => {
    const tokens = await tokensFor('bob');
    expect(await (await post('/__control/accounts/bob', { groups: ['sales-leads'] })).json()).toMatchObject({
      username: 'bob',
      groups: ['sales-leads'],
    });
    expect(await (await userinfo(tokens.access_token!)).json()).toMatchObject({ sub: 'bob', groups: ['sales-leads'] });
    expect(claims((await tokensFor('bob')).id_token!)).toMatchObject({ groups: ['sales-leads'] });
    await post('/__control/reset', {});
    expect(await (await userinfo(tokens.access_token!)).json()).toMatchObject({ groups: ['eng-leads'] });
  });

  it('gives a refresh token, and ending the grants makes userinfo answer 401 and refresh invalid_grant', async () => {
    const older = await tokensFor('carol');
    const latest = await tokensFor('carol');
    expect(latest.refresh_token).toBeTruthy();
    const renewed = await refresh(latest.refresh_token!);
    expect(renewed.status).toBe(200);
    expect(await (await post('/__control/accounts/carol/end-grants', { latest: true })).json()).toEqual({ ended: 1 });
    expect((await userinfo(latest.access_token!)).status).toBe(401);
    expect(await (await refresh(latest.refresh_token!)).json()).toMatchObject({ error: 'invalid_grant' });
    // Only the latest grant ended; then all of them.
    expect((await userinfo(older.access_token!)).status).toBe(200);
    expect(await (await post('/__control/accounts/carol/end-grants', {})).json()).toEqual({ ended: 1 });
    expect((await userinfo(older.access_token!)).status).toBe(401);
  });

  it('refuses browser pages, non-JSON bodies, unknown accounts and bad groups, changing nothing', async () => {
    expect((await post('/__control/accounts/bob', { groups: ['it-admins'] }, { ...json, origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await post('/__control/accounts/bob', { groups: ['it-admins'] }, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('/__control/accounts/mallory', { groups: [] })).status).toBe(404);
    expect((await post('/__control/accounts/bob', { groups: 'it-admins' })).status).toBe(400);
    expect((await fetch(`${oidc.issuer}/__control/accounts/bob`, { method: 'POST', headers: json, body: '{not json' })).status).toBe(400);
    const accounts = (await (await fetch(`${oidc.issuer}/__control/accounts`)).json()) as {
      accounts: Array<{ username: string; groups: string[] }>;
    };
    expect(accounts.accounts.find((a) => a.username === 'bob')?.groups).toEqual(['eng-leads']);
  });
});
