import 'server-only';
/**
 * Who is asking: the signed-in identity plus the current access policy, on every request. This,
 * not proxy.ts, is the check (SECURITY.md: CVE-2025-29927).
 */
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { actorFor, type Actor } from '../access/actor';
import { loadPolicy } from '../access/policy';
import { config } from '../config';
import { authOptions } from './options';

/** The operator of this request, or null when nobody is signed in (or the session is too old). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const identity = session?.identity;
  if (!identity?.subject) return null;
  const ageSeconds = Date.now() / 1000 - identity.authTime;
  if (!(ageSeconds >= 0 && ageSeconds <= config().auth.sessionMaxAgeSeconds)) return null;
  return actorFor(identity, loadPolicy(config().accessPolicyFile));
});

/** The operator, who must hold a role: otherwise to sign-in or to the no-access page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (actor.role === 'none') redirect('/no-access');
  return actor;
}
