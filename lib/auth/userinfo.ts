import 'server-only';
/**
 * Asking the identity provider about a signed-in operator after sign-in: the userinfo endpoint
 * (OpenID Connect Core 1.0 §5.3) for fresh claims, and the token endpoint's refresh grant
 * (RFC 6749 §6) when the access token has expired. The endpoints and the client authentication
 * come from the portal's one discovery document (lib/auth/discovery.ts), as sign-in's do, so
 * OIDC_DISCOVERY_URL and OIDC_TOKEN_AUTH_METHOD hold here too. A 401 from userinfo, or
 * `invalid_grant` on refresh, means the provider no longer stands behind this sign-in: the caller
 * ends the session.
 */
import { config } from '../config';
import { log } from '../log';
import { discovered } from './discovery';
import { clientAuthentication, type Discovery } from './provider-settings';

export type IdpAnswer<T> = { kind: 'ok'; value: T } | { kind: 'gone'; why: string } | { kind: 'unavailable'; why: string };

export interface RefreshedTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds, when the provider said. */
  accessTokenExpiresAt?: number;
  /** The claims of the ID token the refresh returned, when it returned one for this issuer and client. */
  idClaims?: Record<string, unknown>;
}

/** How long one look at the provider (a refresh and userinfo together) may take. */
export const IDP_TIMEOUT_MS = 5000;

export interface IdpCall {
  /** The provider's endpoints; by default the portal's discovery document. */
  idp?: Discovery;
  /** Aborts the call; by default after IDP_TIMEOUT_MS. Pass one signal to several calls to bound them together. */
  signal?: AbortSignal;
}

type Endpoints = { ok: true; idp: Discovery; signal: AbortSignal } | { ok: false; why: string };

/**
 * Never waits for discovery: when it has not been read yet, discovered() starts reading it in the
 * background and this call is 'unavailable' (the caller asks again later).
 */
function endpoints(call: IdpCall): Endpoints {
  const idp = call.idp ?? discovered();
  if (!idp) return { ok: false, why: "the identity provider's discovery document has not been read" };
  return { ok: true, idp, signal: call.signal ?? AbortSignal.timeout(IDP_TIMEOUT_MS) };
}

const problem = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The claims the provider now holds for the owner of `accessToken`. */
export async function fetchUserinfo(accessToken: string, call: IdpCall = {}): Promise<IdpAnswer<Record<string, unknown>>> {
  const at = endpoints(call);
  if (!at.ok) return { kind: 'unavailable', why: at.why };
  const url = at.idp.userinfoEndpoint;
  if (!url) return { kind: 'unavailable', why: 'the provider publishes no userinfo endpoint' };
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: at.signal });
    if (res.status === 401) return { kind: 'gone', why: 'userinfo refused the access token (401)' };
    if (!res.ok) return { kind: 'unavailable', why: `userinfo answered ${res.status}` };
    const body: unknown = await res.json();
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return { kind: 'unavailable', why: 'userinfo answered something other than a JSON object' };
    return { kind: 'ok', value: body as Record<string, unknown> };
  } catch (err) {
    return { kind: 'unavailable', why: problem(err) };
  }
}

/**
 * The claims of an ID token from a refresh, when it names this issuer and this client (OpenID
 * Connect Core 1.0 §12.2). It came straight from the token endpoint over the connection the portal
 * opened, so, as §3.1.3.7 allows, that connection vouches for it in place of its signature.
 */
function idTokenClaims(idToken: unknown, issuer: string, clientId: string): Record<string, unknown> | undefined {
  if (typeof idToken !== 'string') return undefined;
  try {
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (claims.iss === issuer && audience.includes(clientId)) return claims;
    log.warn({ iss: claims.iss }, 'refreshed ID token ignored: it names another issuer or client');
  } catch {
    log.warn('refreshed ID token ignored: it is not a JWT');
  }
  return undefined;
}

export interface IdpClient {
  clientId: string;
  clientSecret: string;
}

/** A new access token for `refreshToken`, authenticated as sign-in is (discovery's tokenAuthMethod). */
export async function refreshAccessToken(
  refreshToken: string,
  call: IdpCall & { client?: IdpClient } = {},
): Promise<IdpAnswer<RefreshedTokens>> {
  const at = endpoints(call);
  if (!at.ok) return { kind: 'unavailable', why: at.why };
  const client = call.client ?? config().oidc;
  const auth = clientAuthentication(at.idp.tokenAuthMethod, client.clientId, client.clientSecret);
  try {
    const res = await fetch(at.idp.tokenEndpoint, {
      method: 'POST',
      headers: { ...auth.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, ...auth.form }).toString(),
      signal: at.signal,
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: unknown;
      refresh_token?: unknown;
      expires_in?: unknown;
      id_token?: unknown;
      error?: unknown;
    };
    if (res.status === 400 && body.error === 'invalid_grant')
      return { kind: 'gone', why: 'the provider refused the refresh token (invalid_grant)' };
    if (!res.ok || typeof body.access_token !== 'string')
      return {
        kind: 'unavailable',
        why: `the token endpoint answered ${res.status}${typeof body.error === 'string' ? ` ${body.error}` : ''}`,
      };
    return {
      kind: 'ok',
      value: {
        accessToken: body.access_token,
        refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
        accessTokenExpiresAt: typeof body.expires_in === 'number' ? Date.now() + body.expires_in * 1000 : undefined,
        idClaims: idTokenClaims(body.id_token, at.idp.issuer, client.clientId),
      },
    };
  } catch (err) {
    return { kind: 'unavailable', why: problem(err) };
  }
}
