import 'server-only';
/**
 * next-auth with one generic OIDC provider, configured from lib/config. Any compliant identity
 * provider works (README: Okta, Entra ID, Google Workspace, Keycloak, Cognito). The groups claim
 * travels in the session token; the role is computed from it on every request (lib/auth/actor).
 */
import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { actorFor } from '../access/actor';
import { loadPolicy } from '../access/policy';
import { appendEvent } from '../audit/store';
import { config } from '../config';
import { log } from '../log';
import { roleFor } from '../sessions/role';
import { createSession } from '../sessions/store';
import { safeCallbackPath } from './callback-url';
import { sessionCookie } from './session-cookie';

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
  [claim: string]: unknown;
}

/** Reads the groups claim, which IdPs send as an array or, rarely, as one space-separated string. */
export function readGroups(profile: Record<string, unknown>, claim: string): string[] {
  const value = profile[claim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** Records each sign-in with the role it gives at that moment; a failed write does not block sign-in. */
async function auditSignIn(identity: { subject: string; email: string; name: string; groups: string[] }, policyFile: string) {
  try {
    const role = actorFor(identity, loadPolicy(policyFile)).role;
    await appendEvent({ type: 'sign-in', actor: { ...identity, role }, outcome: 'signed-in' });
  } catch (err) {
    log.error({ err: (err as Error).message }, 'audit: sign-in event not written');
  }
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const c = config();
  const provider: OAuthConfig<OidcProfile> = {
    id: 'oidc',
    name: c.oidc.providerName,
    type: 'oauth',
    wellKnown: `${c.oidc.issuer}/.well-known/openid-configuration`,
    clientId: c.oidc.clientId,
    clientSecret: c.oidc.clientSecret,
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: c.oidc.scopes } },
    profile: (profile) => ({
      id: profile.sub,
      name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
      email: profile.email ?? null,
    }),
  };
  cached = {
    secret: c.auth.secret,
    providers: [provider],
    // A JWT session that cannot outlive SESSION_MAX_AGE_HOURS (8 at most, SECURITY.md).
    session: { strategy: 'jwt', maxAge: c.auth.sessionMaxAgeSeconds },
    jwt: { maxAge: c.auth.sessionMaxAgeSeconds },
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
          token.name = p.name ?? token.name;
          token.username = p.preferred_username;
          token.groups = readGroups(p, c.oidc.groupsClaim);
          token.authTime = Math.floor(Date.now() / 1000);
          const identity = { subject: p.sub, email: token.email ?? '', name: token.name ?? '', groups: token.groups };
          // The server-side record (lib/sessions): the cookie names it; the provider's tokens stay
          // in it, encrypted, to read the groups again later. No record, no sign-in.
          token.sid = await createSession({ ...identity, role: roleFor(identity, c.accessPolicyFile) }, {
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            accessTokenExpiresAt: account.expires_at ? account.expires_at * 1000 : undefined,
          }, c.auth.sessionMaxAgeSeconds);
          await auditSignIn(identity, c.accessPolicyFile);
        }
        return token;
      },
      session({ session, token }) {
        session.identity = {
          subject: token.sub ?? '',
          email: token.email ?? '',
          username: token.username,
          name: token.name ?? token.email ?? '',
          groups: token.groups ?? [],
          authTime: token.authTime ?? 0,
          sessionId: token.sid ?? '',
        };
        return session;
      },
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
  };
  return cached;
}
