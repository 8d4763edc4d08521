import 'server-only';
/**
 * The signed-in identity from the session cookie, read as next-auth's getServerSession reads it
 * (the cookie, or its `.0`, `.1`, … chunks, decrypted and authenticated, its expiry checked) but
 * without what getServerSession also does on every call and a page cannot use: building next-auth's
 * options, a fresh CSRF token, and re-encrypting the cookie that a server component cannot set.
 * About a twentieth of a page's CPU (docs/decisions/010-request-cost.md). Whether the session is
 * still live is checked after this, on every request (lib/auth/actor).
 */
import { cookies } from 'next/headers';
import type { Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { config } from '../config';
import { decode } from './jwt-codec';
import { sessionCookieName } from './session-cookie';

export type SessionIdentity = NonNullable<Session['identity']>;

/** The session cookie's value under `name`, whole or joined from its chunks in order (as next-auth joins them). */
export function joinSessionCookie(all: ReadonlyArray<{ name: string; value: string }>, name: string): string | undefined {
  const chunk = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.(\\d+))?$`);
  const parts = all
    .map((c) => ({ value: c.value, match: chunk.exec(c.name) }))
    .filter((c) => c.match)
    .sort((a, b) => Number(a.match![1] ?? 0) - Number(b.match![1] ?? 0));
  return parts.length ? parts.map((p) => p.value).join('') : undefined;
}

/** What a page knows of the operator from the cookie: next-auth's session callback maps the token with this too. */
export function identityOf(token: JWT): SessionIdentity {
  return {
    subject: token.sub ?? '',
    email: token.email ?? '',
    username: token.username,
    name: token.name ?? token.email ?? '',
    groups: token.groups ?? [],
    groupsClaim: token.groupsClaim ?? 'present',
    authTime: token.authTime ?? 0,
    reauthAt: token.reauthAt ?? 0,
    sessionId: token.sid ?? '',
    acr: token.acr,
    amr: token.amr,
  };
}

/** This request's identity from its session cookie, or null without a valid one. */
export async function cookieIdentity(): Promise<SessionIdentity | null> {
  const c = config().auth;
  const value = joinSessionCookie((await cookies()).getAll(), sessionCookieName(c.secureCookies));
  if (!value) return null;
  const token = await decode({ token: value, secret: c.secret }).catch(() => null);
  return token ? identityOf(token) : null;
}
