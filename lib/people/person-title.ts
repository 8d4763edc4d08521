import 'server-only';
/**
 * The person page's tab title: the person's name, or the same plain "Person" for an unknown person
 * and someone outside the operator's scope (so a title cannot tell them apart either, and both
 * take the same steps).
 *
 * It reads only what the portal keeps in memory (the word index and the shared group memberships,
 * lib/people/directory.ts), never the directory itself: Next.js renders metadata for router
 * prefetches too, so every person link scrolled into view on the search or audit page would
 * otherwise cost a directory lookup before anyone clicked. Someone too new for the index gets
 * the plain title "Person" until the index's next refresh.
 */
import { organizationOf } from '../access/actor';
import { getActor } from '../auth/current-actor';
import { peopleIndex } from './directory';
import { decider } from './search';
import type { Person } from '../directory/types';

const PLAIN = 'Person';

export async function personTitle(org: string, user: string): Promise<string> {
  const actor = await getActor();
  const organization = actor ? organizationOf(actor, org) : undefined;
  if (!actor || !organization) return PLAIN;
  const index = peopleIndex(organization.organizationId);
  if (!index.ready) return PLAIN;
  const decide = await decider(actor, organization.organizationId);
  const wanted = user.toLowerCase();
  const person: Person | undefined =
    index.byId(user) ?? index.search(user, 20).find((p) => p.username.toLowerCase() === wanted || p.email?.toLowerCase() === wanted);
  return person && decide(person) ? person.displayName : PLAIN;
}
