'use server';
/**
 * Sign out as a plain form post: the session cookie is a JWT held only by the browser, so ending
 * the session is deleting it. No client-side auth library is needed on portal pages for this.
 */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  for (const { name } of jar.getAll()) if (SESSION_COOKIE.test(name)) jar.delete(name);
  redirect('/sign-in');
}
