'use server';
/**
 * Sign out as a plain form post. Deleting the cookie is not enough, since a copy of it would stay
 * valid until it expires: the server-side session record is ended first, so every copy is refused
 * (lib/sessions). Then, by default, the identity provider's session ends too (lib/auth/logout).
 * No client-side auth library is needed on portal pages for this.
 */
import { getServerSession } from 'next-auth';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { config } from '../config';
import { log } from '../log';
import { endLiveSession } from '../sessions/live';
import { signOutTarget } from './logout';
import { authOptions } from './options';
import { SESSION_COOKIE_PATTERN, sessionCookie } from './session-cookie';

export async function signOutAction(): Promise<void> {
  // Read before the cookie goes: it holds the ID token the provider's logout needs (lib/auth/logout).
  const target = await signOutTarget();
  const sessionId = (await getServerSession(authOptions()))?.identity?.sessionId;
  if (sessionId) {
    await endLiveSession(sessionId, 'signed-out').catch((err: unknown) =>
      log.error({ err: (err as Error).message }, 'sign-out: session record not ended'),
    );
  }
  const jar = await cookies();
  // The deletion carries the cookie's own attributes: browsers ignore a Set-Cookie for a __Host-
  // or __Secure- name that lacks Secure (and, for __Host-, Path=/).
  const { options } = sessionCookie(config().auth.secureCookies);
  for (const { name } of jar.getAll()) if (SESSION_COOKIE_PATTERN.test(name)) jar.delete({ name, ...options });
  redirect(target);
}
