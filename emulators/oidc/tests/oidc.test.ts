/**
 * The local identity provider through the real authorization code flow with PKCE, over HTTP:
 * claims in the ID token and userinfo, wrong passwords, PKCE enforcement, prompt=login, max_age.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, startOidc, type RunningOidc } from '../provider';
import { authorizeUrl, b64url, Browser, claims, exchange, follow, REDIRECT, signIn, submitLogin } from './flow';

describe.each([false, true])('the demo IdP (sso %s)', (sso) => {
  let oidc: RunningOidc;
  beforeAll(async () => {
    oidc = await startOidc({ port: 0, redirectUris: [REDIRECT], sso });
  });
  afterAll(() => oidc.close());

  it('shows an accessible sign-in page listing the demo people', async () => {
    const browser = new Browser(oidc.issuer);
    const { page } = await follow(browser, authorizeUrl({}, b64url(randomBytes(32))));
    expect(page).toContain('<label for="username">Username</label>');
    expect(page).toContain('<label for="password">Password</label>');
    expect(page).toContain('<button type="submit">Sign in</button>');
    for (const name of ['alice', 'bob', 'carol', 'dave', 'frank']) expect(page).toContain(`<code>${name}</code>`);
  });

  it('issues an ID token and userinfo carrying sub, email, name and groups', async () => {
    const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), 'bob');
    expect(done.code).toBeTruthy();
    const tokens = await exchange(oidc, done.code!, verifier);
    expect(tokens.status).toBe(200);
    expect(claims(tokens.json.id_token!)).toMatchObject({
      sub: 'bob',
      email: 'bob@example.com',
      name: 'Bob Lead',
      groups: ['eng-leads'],
      iss: oidc.issuer,
    });
    const info = await fetch(`${oidc.issuer}/me`, { headers: { authorization: `Bearer ${tokens.json.access_token}` } });
    expect(await info.json()).toMatchObject({ sub: 'bob', email: 'bob@example.com', name: 'Bob Lead', groups: ['eng-leads'] });
  });

  it('signs in frank, the second admin, with the it-admins group', async () => {
    const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), 'frank');
    const tokens = await exchange(oidc, done.code!, verifier);
    expect(claims(tokens.json.id_token!)).toMatchObject({ sub: 'frank', email: 'frank@example.com', groups: ['it-admins'] });
  });

  it('refuses a wrong password with an alert and issues no code', async () => {
    const browser = new Browser(oidc.issuer);
    const { page } = await follow(browser, authorizeUrl({}, b64url(randomBytes(32))));
    const res = await submitLogin(browser, page!, 'alice', 'wrong');
    expect(res.status).toBe(401);
    expect((res as { page: string }).page).toContain('role="alert">Wrong username or password.');
  });

  it('requires PKCE and the right verifier', async () => {
    const browser = new Browser(oidc.issuer);
    const noPkce = await follow(browser, authorizeUrl({ code_challenge: '', code_challenge_method: '' }, 'x'));
    expect(noPkce.code).toBeUndefined();
    expect(noPkce.location ?? '').toMatch(/error=invalid_request/);
    const { done } = await signIn(oidc, browser, 'alice');
    const tokens = await exchange(oidc, done.code!, b64url(randomBytes(32)));
    expect(tokens.status).toBe(400);
    expect(tokens.json.error).toBe('invalid_grant');
  });

  it('asks again for prompt=login and for an expired max_age', async () => {
    const browser = new Browser(oidc.issuer);
    await signIn(oidc, browser, 'alice');
    const again = await signIn(oidc, browser, 'alice');
    expect(again.askedForLogin).toBe(!sso);
    expect((await signIn(oidc, browser, 'alice', { prompt: 'login' })).askedForLogin).toBe(true);
    expect((await signIn(oidc, browser, 'alice', { max_age: '0' })).askedForLogin).toBe(true);
    const withinAge = await signIn(oidc, browser, 'alice', { max_age: '3600' });
    expect(withinAge.askedForLogin).toBe(!sso);
    expect(withinAge.done.code).toBeTruthy();
  });

  it('ends its session by RP-initiated logout and returns to the portal sign-in page', async () => {
    const browser = new Browser(oidc.issuer);
    const { done, verifier } = await signIn(oidc, browser, 'alice');
    const idToken = (await exchange(oidc, done.code!, verifier)).json.id_token!;
    const back = 'http://localhost:3999/sign-in';
    const end = `/session/end?${new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: back, client_id: DEMO_CLIENT.clientId })}`;
    const confirm = await browser.fetch(end);
    const page = await confirm.text();
    expect(page).toContain('Yes, sign me out');
    const form = /<form[^>]*action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/.exec(page)!;
    const res = await browser.fetch(form[1]!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: form[2]!, logout: 'yes' }).toString(),
    });
    expect(res.headers.get('location')).toBe(back);
    expect((await signIn(oidc, browser, 'alice')).askedForLogin).toBe(true);
  });
});
