import 'server-only';
/**
 * The person page's tab title: the person's name, or the same "not found" for an unknown person
 * and someone outside the operator's scope (so a title cannot tell them apart either). It asks
 * what the page itself asks, through the same per-request memos (lib/people/directory.ts), so the
 * title costs no directory call of its own. A router prefetch (a person link scrolled into view on
 * the search or audit page) gets a plain title instead: otherwise every visible row would cost a
 * directory lookup before anyone clicked. The click itself renders the page, and the name, afresh.
 */
import { headers } from 'next/headers';
import { organizationOf } from '../access/actor';
import { can } from '../access/can';
import { getActor } from '../auth/current-actor';
import { DirectoryError } from '../directory/errors';
import { findTarget } from './target';

export const NOT_FOUND_TITLE = 'Not found, or not yours';

export async function personTitle(org: string, user: string): Promise<string> {
  if ((await headers()).get('next-router-prefetch')) return 'Person';
  const actor = await getActor();
  const organization = actor ? organizationOf(actor, org) : undefined;
  if (!actor || !organization) return NOT_FOUND_TITLE;
  try {
    const found = await findTarget(organization, user, { fresh: false });
    return found && can(actor, 'view', found).allowed ? found.displayName : NOT_FOUND_TITLE;
  } catch (err) {
    if (err instanceof DirectoryError) return 'Person';
    throw err;
  }
}
