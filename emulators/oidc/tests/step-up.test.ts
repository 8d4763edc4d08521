/**
 * What the portal's step-up needs from the demo IdP (lib/auth/step-up.ts): every ID token carries
 * auth_time; the control API back-dates the next sign-in's auth_time; an enrolled person is asked
 * for the demo one-time code after the password, and their token then says amr mfa and acr mfa.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OTP } from '../people';
import { startOidc, type RunningOidc } from '../provider';
import { randomBytes } from 'node:crypto';
import { authorizeUrl, b64url, Browser, claims, exchange, follow, REDIRECT, signIn } from './flow';

describe('the demo IdP for step-up', () => {
  let oidc: RunningOidc;
  const post = (path: string, body: unknown) =>
    fetch(`${oidc.issuer}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    oidc = await startOidc({ port: 0, redirectUris: [REDIRECT] });
  });
  afterAll(() => oidc.close());

  it('puts auth_time in every ID token, back-dated once when the control API says so', async () => {
    const now = Math.floor(Date.now() / 1000);
    const plain = await signIn(oidc, new Browser(oidc.issuer), 'alice');
    const fresh = claims((await exchange(oidc, plain.done.code!, plain.verifier)).json.id_token!);
    expect(fresh.auth_time as number).toBeGreaterThanOrEqual(now - 2);
    expect(fresh.amr).toEqual(['pwd']);

    expect((await post('/__control/accounts/alice/auth-time', { ageSeconds: 1200 })).status).toBe(200);
    const old = await signIn(oidc, new Browser(oidc.issuer), 'alice');
    const backdated = claims((await exchange(oidc, old.done.code!, old.verifier)).json.id_token!);
    expect(now - (backdated.auth_time as number)).toBeGreaterThanOrEqual(1195);

    const again = await signIn(oidc, new Browser(oidc.issuer), 'alice');
    expect(claims((await exchange(oidc, again.done.code!, again.verifier)).json.id_token!).auth_time as number).toBeGreaterThanOrEqual(
      now - 2,
    );
    expect((await post('/__control/accounts/alice/auth-time', { ageSeconds: -1 })).status).toBe(400);
  });

  it('asks an enrolled person for the one-time code, refuses a wrong one, and says mfa in the token', async () => {
    await post('/__control/accounts/bob/mfa', { enrolled: true });
    const browser = new Browser(oidc.issuer);
    const verifier = b64url(randomBytes(32));
    const login = await follow(browser, authorizeUrl({}, verifier));
    const loginAction = /action="([^"]+)"/.exec(login.page!)![1]!;
    const afterPassword = await browser.fetch(loginAction, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'bob', password: 'demo' }).toString(),
    });
    const page = await afterPassword.text();
    expect(page).toContain('One-time code');
    const action = /action="([^"]+)"/.exec(page)![1]!;
    const submit = (code: string) =>
      browser.fetch(action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ code }).toString(),
      });
    expect((await submit('000000')).status).toBe(401);
    const ok = await submit(DEMO_OTP);
    const back = await follow(browser, ok.headers.get('location')!);
    const token = claims((await exchange(oidc, back.code!, verifier)).json.id_token!);
    expect(token).toMatchObject({ amr: ['pwd', 'otp', 'mfa'], acr: 'mfa' });
    await post('/__control/reset', {});
    const after = await signIn(oidc, new Browser(oidc.issuer), 'bob');
    expect(after.done.code).toBeDefined();
  });
});
