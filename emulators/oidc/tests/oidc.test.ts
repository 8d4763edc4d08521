/**
 * The local identity provider through the real authorization code flow with PKCE, over HTTP:
 * claims in the ID token and userinfo, wrong passwords, PKCE enforcement, prompt=login, max_age.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, startOidc, type RunningOidc } from '../provider';

const REDIRECT = 'http://localhost:3999/api/auth/callback/oidc';

class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(new URL(url, this.base), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      this.cookies.set(name!.trim(), rest.join('='));
    }
    return res;
  }
}

const b64url = (buf: Buffer) => buf.toString('base64url');

function authorizeUrl(params: Record<string, string>, verifier: string) {
  const url = new URL('/auth', 'http://placeholder');
  const all = {
    client_id: DEMO_CLIENT.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid email profile groups',
    state: b64url(randomBytes(8)),
    nonce: b64url(randomBytes(8)),
    code_challenge: b64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) if (v !== '') url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
}

/** Follows redirects inside the IdP until it shows a page or sends the browser back to the client. */
async function follow(browser: Browser, start: string): Promise<{ page?: string; status: number; code?: string; location?: string }> {
  let url = start;
  for (let hops = 0; hops < 10; hops++) {
    const res = await browser.fetch(url);
    const location = res.headers.get('location');
    if (!location) return { page: await res.text(), status: res.status };
    if (location.startsWith(REDIRECT)) return { status: res.status, code: new URL(location).searchParams.get('code') ?? undefined, location };
    url = location;
  }
  throw new Error('too many redirects');
}

async function submitLogin(browser: Browser, page: string, username: string, password: string) {
  const action = /action="([^"]+)"/.exec(page)![1]!;
  const res = await browser.fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  if (res.status === 401) return { status: 401, page: await res.text() };
  return follow(browser, res.headers.get('location')!);
}

async function exchange(oidc: RunningOidc, code: string, verifier: string) {
  const res = await fetch(`${oidc.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${DEMO_CLIENT.clientId}:${DEMO_CLIENT.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier }).toString(),
  });
  return { status: res.status, json: (await res.json()) as Record<string, string> };
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

async function signIn(oidc: RunningOidc, browser: Browser, username: string, params: Record<string, string> = {}) {
  const verifier = b64url(randomBytes(32));
  const first = await follow(browser, authorizeUrl(params, verifier));
  const done = first.page ? await submitLogin(browser, first.page, username, 'demo') : first;
  return { done, verifier, askedForLogin: Boolean(first.page) };
}

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
    for (const name of ['alice', 'bob', 'carol', 'dave']) expect(page).toContain(`<code>${name}</code>`);
  });

  it('issues an ID token and userinfo carrying sub, email, name and groups', async () => {
    const { done, verifier } = await signIn(oidc, new Browser(oidc.issuer), 'bob');
    expect(done.code).toBeTruthy();
    const tokens = await exchange(oidc, done.code!, verifier);
    expect(tokens.status).toBe(200);
    expect(claims(tokens.json.id_token!)).toMatchObject({ sub: 'bob', email: 'bob@example.com', name: 'Bob Lead', groups: ['eng-leads'], iss: oidc.issuer });
    const info = await fetch(`${oidc.issuer}/me`, { headers: { authorization: `Bearer ${tokens.json.access_token}` } });
    expect(await info.json()).toMatchObject({ sub: 'bob', email: 'bob@example.com', name: 'Bob Lead', groups: ['eng-leads'] });
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
