import 'server-only';
/**
 * Asking the identity provider about a signed-in operator after sign-in: the userinfo endpoint
 * (OpenID Connect Core 1.0 §5.3) for fresh claims, and the token endpoint's refresh grant
 * (RFC 6749 §6) when the access token has expired. Both come from the issuer's discovery
 * document. A 401 from userinfo, or `invalid_grant` on refresh, means the provider no longer
 * stands behind this sign-in: the caller ends the session.
 */
import { config } from '../config';

export type IdpAnswer<T> = { kind: 'ok'; value: T } | { kind: 'gone'; why: string } | { kind: 'unavailable'; why: string };

export interface RefreshedTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds, when the provider said. */
  accessTokenExpiresAt?: number;
}

const TIMEOUT_MS = 5000;

interface Discovery {
  userinfo_endpoint?: string;
  token_endpoint?: string;
}

let discovery: { issuer: string; value: Promise<Discovery> } | undefined;

function endpoints(issuer: string): Promise<Discovery> {
  if (discovery?.issuer !== issuer) {
    const value = fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(TIMEOUT_MS) }).then(async (res) => {
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      return (await res.json()) as Discovery;
    });
    // A failed discovery is asked again next time rather than remembered.
    value.catch(() => (discovery = undefined));
    discovery = { issuer, value };
  }
  return discovery.value;
}

const problem = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The claims the provider now holds for the owner of `accessToken`. */
export async function fetchUserinfo(accessToken: string, issuer = config().oidc.issuer): Promise<IdpAnswer<Record<string, unknown>>> {
  try {
    const { userinfo_endpoint: url } = await endpoints(issuer);
    if (!url) return { kind: 'unavailable', why: 'the provider publishes no userinfo endpoint' };
    const res = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status === 401) return { kind: 'gone', why: 'userinfo refused the access token (401)' };
    if (!res.ok) return { kind: 'unavailable', why: `userinfo answered ${res.status}` };
    const body: unknown = await res.json();
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'unavailable', why: 'userinfo answered something other than a JSON object' };
    return { kind: 'ok', value: body as Record<string, unknown> };
  } catch (err) {
    return { kind: 'unavailable', why: problem(err) };
  }
}

/** A new access token for `refreshToken` (client_secret_basic, as the sign-in uses). */
export interface IdpClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export async function refreshAccessToken(refreshToken: string, oidc: IdpClient = config().oidc): Promise<IdpAnswer<RefreshedTokens>> {
  try {
    const { token_endpoint: url } = await endpoints(oidc.issuer);
    if (!url) return { kind: 'unavailable', why: 'the provider publishes no token endpoint' };
    const basic = Buffer.from(`${encodeURIComponent(oidc.clientId)}:${encodeURIComponent(oidc.clientSecret)}`).toString('base64');
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; error?: unknown };
    if (res.status === 400 && body.error === 'invalid_grant') return { kind: 'gone', why: 'the provider refused the refresh token (invalid_grant)' };
    if (!res.ok || typeof body.access_token !== 'string') return { kind: 'unavailable', why: `the token endpoint answered ${res.status}` };
    return {
      kind: 'ok',
      value: {
        accessToken: body.access_token,
        refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
        accessTokenExpiresAt: typeof body.expires_in === 'number' ? Date.now() + body.expires_in * 1000 : undefined,
      },
    };
  } catch (err) {
    return { kind: 'unavailable', why: problem(err) };
  }
}
