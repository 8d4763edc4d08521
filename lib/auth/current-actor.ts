import 'server-only';
/**
 * Who is asking: the signed-in identity plus the current access policy, on every request. This,
 * not proxy.ts, is the check (docs/security.md). A valid cookie is not enough: its server-side
 * session record must still be live (not signed out, revoked, idle or disowned by the identity
 * provider), and the groups come from that record, which is refreshed from the provider.
 */
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { actorFor, type Actor } from '../access/actor';
import { config } from '../config';
import { portalPolicy } from '../portal';
import { currentIdentity } from '../sessions/identity';
import { liveSession } from '../sessions/live';
import { cookieIdentity } from './session-token';

/** The operator of this request, or null when nobody is signed in (or the session has ended). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const identity = await cookieIdentity();
  if (!identity?.subject || !identity.sessionId) return null;
  const ageSeconds = Date.now() / 1000 - identity.authTime;
  if (!(ageSeconds >= 0 && ageSeconds <= config().auth.sessionMaxAgeSeconds)) return null;
  const live = await liveSession(identity.sessionId);
  if (!live || live.subject !== identity.subject) return null;
  return actorFor(currentIdentity(identity, live), portalPolicy());
});

/** The operator, who must hold a role: otherwise to sign-in or to the no-access page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (actor.role === 'none') redirect('/no-access');
  return actor;
}
