import 'server-only';
/**
 * The person an operator asks about, with the groups that decide scope and protection. For a
 * team lead those come from the member sets of their delegated and protected groups, which do not
 * depend on who is asked about: so an unknown person and someone outside the lead's scope are
 * answered after the same directory calls, in the same order, and timing cannot tell them apart.
 * (Asking for the person's own groups would cost an existing person more calls than an unknown one.)
 */
import type { OrganizationAccess } from '../access/actor';
import { directory, getPerson, groupMembers } from './directory';
import type { PersonWithGroups } from '../directory/types';

/**
 * `fresh` reads the member sets from the directory now (the reset action: rule 8); otherwise they
 * come from the shared cache the search uses (SCOPE_CACHE_SECONDS), so page and search agree.
 * Admins: groups are empty, since no decision of theirs depends on them.
 */
export async function findTarget(
  access: OrganizationAccess,
  identifier: string,
  { fresh }: { fresh: boolean },
): Promise<PersonWithGroups | null> {
  const organizationId = access.organizationId;
  const person = await getPerson(organizationId, identifier);
  const names = access.scope === 'all' ? [] : [...new Set([...access.scope, ...access.protectedGroups])].sort();
  const groups: string[] = [];
  // One group after another, whoever the person is: a fixed sequence of calls.
  for (const name of names) {
    const members = fresh ? await directory().membersOf(organizationId, name) : await groupMembers(organizationId, name);
    if (person && members.has(person.id)) groups.push(name);
  }
  return person ? { ...person, groups } : null;
}
