/**
 * The operator as the access rules see them: who they are (from the identity provider) and what
 * the current access policy makes of their groups. Computed on every request, never stored.
 */
import type { Policy } from './policy';

export type Role = 'admin' | 'lead' | 'none';

export interface Identity {
  subject: string;
  email: string;
  /** The provider's username claim (`preferred_username`) when it sends one. */
  username?: string;
  name: string;
  groups: readonly string[];
}

export interface OrganizationAccess {
  organizationId: string;
  alias: string;
  /** `all` for admins; for leads, the directory groups whose (nested) members they manage. */
  scope: 'all' | readonly string[];
  protectedGroups: readonly string[];
}

export interface Actor extends Identity {
  role: Role;
  /** The organizations this operator may act in; empty for `none`. */
  organizations: ReadonlyMap<string, OrganizationAccess>;
}

export function actorFor(identity: Identity, policy: Policy): Actor {
  const groups = new Set(identity.groups);
  const organizations = new Map<string, OrganizationAccess>();
  const access = (organizationId: string, scope: OrganizationAccess['scope']): OrganizationAccess => ({
    organizationId,
    alias: policy.organizations.find((o) => o.id === organizationId)!.alias,
    scope,
    protectedGroups: policy.protectedGroups.get(organizationId) ?? [],
  });

  if ([...policy.adminGroups].some((g) => groups.has(g))) {
    for (const org of policy.organizations) organizations.set(org.id, access(org.id, 'all'));
    return { ...identity, role: 'admin', organizations };
  }
  for (const d of policy.delegations) {
    if (![...d.groups].some((g) => groups.has(g))) continue;
    const existing = organizations.get(d.organizationId)?.scope;
    const merged = [...new Set([...(Array.isArray(existing) ? existing : []), ...d.directoryGroups])];
    organizations.set(d.organizationId, access(d.organizationId, merged));
  }
  return { ...identity, role: organizations.size > 0 ? 'lead' : 'none', organizations };
}

export const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', lead: 'Team lead', none: 'No access' };

/** The organization an operator may act in, named by id or alias; undefined when not theirs. */
export function organizationOf(actor: Actor, idOrAlias: string | undefined): OrganizationAccess | undefined {
  if (!idOrAlias) return undefined;
  return actor.organizations.get(idOrAlias) ?? [...actor.organizations.values()].find((o) => o.alias === idOrAlias);
}
