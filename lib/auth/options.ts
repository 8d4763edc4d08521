import 'server-only';
/**
 * next-auth with one generic OIDC provider, configured from lib/config and the provider's
 * discovery document (lib/auth/discovery): endpoints, ID token algorithm and client authentication
 * as the provider advertises them, so any compliant provider works (docs/identity-providers.md).
 * Sign-in reads the groups from the ID token (or userinfo) and stores them in the server-side
 * session record (lib/sessions/store.ts); every request takes them from that record, which
 * lib/sessions/live.ts refreshes from the provider, and computes the role from them (lib/auth/current-actor).
 */
import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { actorFor } from '../access/actor';
import { appendEvent } from '../audit/store';
import { config } from '../config';
import { portalPolicy } from '../portal';
import { log } from '../log';
import { roleFor } from '../sessions/role';
import { createSession } from '../sessions/store';
import { reauthTime, signInTime } from './auth-time';
import { safeCallbackPath } from './callback-url';
import { discovered } from './discovery';
import { decode, encode } from './jwt-codec';
import { displayName, groupsClaimStatus, readGroups, withUserinfo } from './groups';
import type { Discovery } from './provider-settings';
import { sessionCookie } from './session-cookie';
import { identityOf } from './session-token';

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
  [claim: string]: unknown;
}

/** Records each sign-in with the role it gives at that moment; a failed write does not block sign-in. */
async function auditSignIn(identity: { subject: string; email: string; name: string; groups: string[] }, policyFile: string) {
  try {
    const role = actorFor(identity, portalPolicy(policyFile)).role;
    await appendEvent({ type: 'sign-in', actor: { ...identity, role }, outcome: 'signed-in' });
  } catch (err) {
    log.error({ err: (err as Error).message }, 'audit: sign-in event not written');
  }
}

let cached: NextAuthOptions | undefined;

/** The claims of an ID token openid-client has just verified (signature, issuer, audience, nonce). */
function idTokenClaims(idToken: string | undefined): OidcProfile {
  const payload = idToken?.split('.')[1];
  if (!payload) throw new Error('the token response has no ID token');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcProfile;
}

/** openid-client's client settings; an absent one keeps its default (RS256, client_secret_basic). */
function clientMetadata(alg: Discovery['idTokenAlg'] | undefined, authMethod: Discovery['tokenAuthMethod'] | undefined) {
  return { ...(alg ? { id_token_signed_response_alg: alg } : {}), ...(authMethod ? { token_endpoint_auth_method: authMethod } : {}) };
}

/**
 * The provider as discovery describes it. Until discovery has been read (it failed at start-up and
 * is retried), next-auth is left to fetch it per sign-in, which then fails with OAuthSignin.
 */
function provider(c: ReturnType<typeof config>): OAuthConfig<OidcProfile> {
  const d = discovered();
  const warn = (message: string, err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, message);
  return {
    id: 'oidc',
    name: c.oidc.providerName,
    type: 'oauth',
    ...(d ? { issuer: d.issuer, token: d.tokenEndpoint, jwks_endpoint: d.jwksUri } : { wellKnown: c.oidc.discoveryUrl }),
    authorization: { ...(d ? { url: d.authorizationEndpoint } : {}), params: { scope: c.oidc.scopes } },
    clientId: c.oidc.clientId,
    clientSecret: c.oidc.clientSecret,
    client: clientMetadata(d?.idTokenAlg ?? c.oidc.idTokenAlg, d?.tokenAuthMethod ?? c.oidc.tokenAuthMethod),
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    userinfo: {
      ...(d?.userinfoEndpoint ? { url: d.userinfoEndpoint } : {}),
      // next-auth reads only the ID token when idToken is set: complete it from userinfo (lib/auth/groups).
      request: async ({ tokens, client }) => {
        const accessToken = tokens.access_token;
        const userinfo = client.issuer.metadata.userinfo_endpoint && accessToken ? () => client.userinfo(accessToken) : undefined;
        return withUserinfo(idTokenClaims(tokens.id_token), c.oidc.groupsClaim, userinfo, warn);
      },
    },
    profile: (profile) => ({ id: profile.sub, name: displayName(profile) ?? null, email: profile.email ?? null }),
  };
}

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const c = config();
  const options: NextAuthOptions = {
    secret: c.auth.secret,
    providers: [provider(c)],
    // A JWT session that cannot outlive SESSION_MAX_AGE_HOURS (8 at most, docs/configuration.md).
    session: { strategy: 'jwt', maxAge: c.auth.sessionMaxAgeSeconds },
    // next-auth's own JWT format, with the HKDF-derived key kept rather than derived per call.
    jwt: { maxAge: c.auth.sessionMaxAgeSeconds, encode, decode },
    useSecureCookies: c.auth.secureCookies,
    cookies: { sessionToken: sessionCookie(c.auth.secureCookies) },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    events: {
      // next-auth's own sign-out endpoint (/api/auth/signout) ends the record too, as the portal's
      // Sign out does (lib/auth/sign-out.ts). Imported late: lib/sessions/live reads this module.
      async signOut({ token }) {
        if (!token?.sid) return;
        const { endLiveSession } = await import('../sessions/live');
        await endLiveSession(token.sid, 'signed-out');
      },
    },
    callbacks: {
      async jwt({ token, profile, account }) {
        if (account && profile) {
          const p = profile as OidcProfile;
          token.sub = p.sub;
          token.email = p.email ?? token.email;
          token.name = displayName(p) ?? token.name;
          token.username = p.preferred_username;
          token.groups = readGroups(p, c.oidc.groupsClaim, c.oidc.groupsSeparator);
          token.groupsClaim = groupsClaimStatus(p, c.oidc.groupsClaim);
          token.authTime = signInTime(p, Date.now() / 1000, c.auth.sessionMaxAgeSeconds).authTime;
          // Step-up's own time: the provider's auth_time only, 0 without one (lib/auth/auth-time.ts).
          token.reauthAt = reauthTime(p, Date.now() / 1000);
          // For REQUIRED_ACR / REQUIRED_AMR (lib/auth/step-up.ts).
          token.acr = typeof p.acr === 'string' ? p.acr : undefined;
          token.amr = Array.isArray(p.amr) ? p.amr.filter((m): m is string => typeof m === 'string') : undefined;
          // Kept for RP-initiated logout's id_token_hint (lib/auth/logout); about 1 KB in the
          // cookie, which next-auth encrypts.
          token.idToken = account.id_token;
          const identity = { subject: p.sub, email: token.email ?? '', name: token.name ?? '', groups: token.groups };
          // The server-side record (lib/sessions): the cookie names it; the provider's tokens stay
          // in it, encrypted, to read the groups again later. No record, no sign-in.
          token.sid = await createSession(
            { ...identity, role: roleFor(identity, c.accessPolicyFile) },
            {
              accessToken: account.access_token,
              refreshToken: account.refresh_token,
              accessTokenExpiresAt: account.expires_at ? account.expires_at * 1000 : undefined,
            },
            c.auth.sessionMaxAgeSeconds,
          );
          await auditSignIn(identity, c.accessPolicyFile);
        }
        return token;
      },
      session({ session, token }) {
        // Pages read the cookie themselves (lib/auth/session-token); /api/auth/session maps it alike.
        session.identity = identityOf(token);
        return session;
      },
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
  };
  // Cached once built from discovery; before that, rebuilt per request so a late discovery is used.
  if (discovered()) cached = options;
  return options;
}
