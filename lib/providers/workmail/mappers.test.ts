import { describe, expect, it } from 'vitest';
import { fromDescribedUser, fromListedUser } from './mappers';

describe('SDK users → people', () => {
  it('maps state, role, Identity Center link and dates', () => {
    const enabled = new Date('2025-01-15T09:00:00Z');
    expect(
      fromListedUser(
        {
          Id: 'u1',
          Name: 'ivy',
          DisplayName: 'Ivy Center',
          Email: 'ivy@example.com',
          State: 'ENABLED',
          UserRole: 'REMOTE_USER',
          IdentityProviderUserId: 'x',
          EnabledDate: enabled,
        },
        'm-1',
      ),
    ).toEqual({
      id: 'u1',
      organizationId: 'm-1',
      username: 'ivy',
      displayName: 'Ivy Center',
      email: 'ivy@example.com',
      state: 'enabled',
      kind: 'person',
      externallyManaged: true,
      enabledAt: enabled,
    });
    expect(fromDescribedUser({ UserId: 'u2', Name: 'room', State: 'DISABLED', UserRole: 'RESOURCE' }, 'm-1')).toMatchObject({
      displayName: 'room',
      state: 'disabled',
      kind: 'resource',
      email: undefined,
      externallyManaged: false,
    });
  });

  it('maps anything unexpected to what cannot be reset (deny by default)', () => {
    const odd = fromListedUser({ Id: 'u3', Name: 'odd', State: 'PENDING' as never, UserRole: 'ROBOT' as never }, 'm-1');
    expect(odd.state).toBe('disabled');
    expect(odd.kind).toBe('service');
  });
});
