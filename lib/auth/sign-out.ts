'use server';
/**
 * Sign out as a plain form post: the session cookie is a JWT held only by the browser, so ending
 * the session is deleting it; then, by default, the identity provider's session ends too
 * (lib/auth/logout). No client-side auth library is needed on portal pages for this.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { signOutTarget } from './logout';

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export async function signOutAction(): Promise<void> {
  // Read before the cookie goes: it holds the ID token the provider's logout needs (lib/auth/logout).
  const target = await signOutTarget();
  const jar = await cookies();
  for (const { name } of jar.getAll()) if (SESSION_COOKIE.test(name)) jar.delete(name);
  redirect(target);
}
