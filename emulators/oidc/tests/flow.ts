/**
 * The authorization code flow with PKCE against the demo IdP, as a client and a cookie-keeping
 * browser run it: shared by the IdP's tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_CLIENT, type RunningOidc } from '../provider';

export const REDIRECT = 'http://localhost:3999/api/auth/callback/oidc';

export class Browser {
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

export const b64url = (buf: Buffer) => buf.toString('base64url');

export function authorizeUrl(params: Record<string, string>, verifier: string) {
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
export async function follow(
  browser: Browser,
  start: string,
): Promise<{ page?: string; status: number; code?: string; location?: string }> {
  let url = start;
  for (let hops = 0; hops < 10; hops++) {
    const res = await browser.fetch(url);
    const location = res.headers.get('location');
    if (!location) return { page: await res.text(), status: res.status };
    if (location.startsWith(REDIRECT))
      return { status: res.status, code: new URL(location).searchParams.get('code') ?? undefined, location };
    url = location;
  }
  throw new Error('too many redirects');
}

export async function submitLogin(browser: Browser, page: string, username: string, password: string) {
  const action = /action="([^"]+)"/.exec(page)![1]!;
  const res = await browser.fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  if (res.status === 401) return { status: 401, page: await res.text() };
  return follow(browser, res.headers.get('location')!);
}

/** Trades the code for tokens, the client authenticating as `method` (the IdP's `clientAuthMethod`). */
export async function exchange(
  oidc: RunningOidc,
  code: string,
  verifier: string,
  method: 'client_secret_basic' | 'client_secret_post' = 'client_secret_basic',
) {
  const { clientId, clientSecret } = DEMO_CLIENT;
  const post = method === 'client_secret_post';
  const res = await fetch(`${oidc.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(post ? {} : { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` }),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      ...(post ? { client_id: clientId, client_secret: clientSecret } : {}),
    }).toString(),
  });
  return { status: res.status, json: (await res.json()) as Record<string, string> };
}

export const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

export async function signIn(oidc: RunningOidc, browser: Browser, username: string, params: Record<string, string> = {}) {
  const verifier = b64url(randomBytes(32));
  const first = await follow(browser, authorizeUrl(params, verifier));
  const done = first.page ? await submitLogin(browser, first.page, username, 'demo') : first;
  return { done, verifier, askedForLogin: Boolean(first.page) };
}
