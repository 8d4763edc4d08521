import { describe, expect, it } from 'vitest';
import { actorFor } from '../access/actor';
import { can } from '../access/can';
import { parsePolicy } from '../access/policy';
import { currentIdentity } from './identity';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
const policy = parsePolicy(
  {
    organizations: [{ id: ORG, alias: 'example', provider: 'workmail', region: 'us-east-1' }],
    admins: { groups: ['it-admins'] },
    delegations: [],
  },
  'test',
);

describe('the identity a request acts with', () => {
  it('keeps the sign-in username beside the live record, so a self-reset by mailbox username is refused', () => {
    const live = { subject: 'sub-1', email: 'ops.alice@corp.example', name: 'Alice', groups: ['it-admins'] };
    const identity = currentIdentity({ username: 'alice' }, live);
    expect(identity).toEqual({ ...live, username: 'alice' });
    const mailbox = {
      id: 'u-1',
      organizationId: ORG,
      username: 'alice',
      displayName: 'Alice Admin',
      email: 'alice@example.com',
      aliases: [],
      state: 'enabled' as const,
      kind: 'person' as const,
      externallyManaged: false,
      groups: [],
    };
    expect(can(actorFor(identity, policy), 'reset', mailbox)).toEqual({ allowed: false, reason: 'self' });
  });
});
