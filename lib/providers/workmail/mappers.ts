/**
 * SDK shapes → provider-neutral people. No SDK type crosses this line (docs/style.md). Anything
 * unexpected maps to the state or kind that cannot be reset: deny by default.
 */
import type { DescribeUserResponse, User } from '@aws-sdk/client-workmail';
import type { Person, PersonKind, PersonState } from '../../directory/types';

const STATE: Record<string, PersonState> = { ENABLED: 'enabled', DISABLED: 'disabled', DELETED: 'deleted' };
// A remote user is a person whose mailbox is elsewhere; a system user belongs to WorkMail itself.
const KIND: Record<string, PersonKind> = { USER: 'person', REMOTE_USER: 'person', RESOURCE: 'resource', SYSTEM_USER: 'service' };

export function fromListedUser(user: User, organizationId: string): Person {
  return person(organizationId, {
    id: user.Id,
    username: user.Name,
    displayName: user.DisplayName,
    email: user.Email,
    state: user.State,
    role: user.UserRole,
    identityProviderUserId: user.IdentityProviderUserId,
    enabledAt: user.EnabledDate,
  });
}

/** DescribeUser answers the same members as a listed User, with the id under `UserId`. */
export function fromDescribedUser(user: DescribeUserResponse, organizationId: string): Person {
  return fromListedUser({ ...user, Id: user.UserId }, organizationId);
}

function person(
  organizationId: string,
  u: {
    id?: string;
    username?: string;
    displayName?: string;
    email?: string;
    state?: string;
    role?: string;
    identityProviderUserId?: string;
    enabledAt?: Date;
  },
): Person {
  const username = u.username ?? u.id ?? '';
  return {
    id: u.id ?? '',
    organizationId,
    username,
    displayName: u.displayName || username,
    email: u.email || undefined,
    state: STATE[u.state ?? ''] ?? 'disabled',
    kind: KIND[u.role ?? ''] ?? 'service',
    externallyManaged: Boolean(u.identityProviderUserId),
    enabledAt: u.enabledAt,
  };
}
