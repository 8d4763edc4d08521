/** ListAliases through the real SDK: the seed's aliases, paging, the id-only EntityId, errors, and lookups by alias. */
import { describe, expect, it } from 'vitest';
import { failure, ORG, READ_KEY, SUB_ORG, withEmulator } from './harness';

const h = withEmulator();

describe('ListAliases', () => {
  it('lists a mailbox’s aliases, not its primary address; none for someone without', async () => {
    const alice = await h.userId('alice');
    expect(await h.call('ListAliases', { OrganizationId: ORG, EntityId: alice })).toMatchObject({ Aliases: ['alice.admin@example.com'] });
    const jane = await h.userId('jane.doe');
    const out = await h.call('ListAliases', { OrganizationId: ORG, EntityId: jane });
    expect(out.Aliases).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it('pages with MaxResults and an opaque NextToken, absent on the last page', async () => {
    const bob = await h.userId('bob');
    const first = await h.call('ListAliases', { OrganizationId: ORG, EntityId: bob, MaxResults: 1 });
    expect(first.Aliases).toEqual(['bob.lead@example.com']);
    expect(typeof first.NextToken).toBe('string');
    const second = await h.call('ListAliases', { OrganizationId: ORG, EntityId: bob, MaxResults: 1, NextToken: first.NextToken });
    expect(second.Aliases).toEqual(['b.lead@example.com']);
    expect(second.NextToken).toBeUndefined();
  });

  it('takes the entity’s id (WorkMailIdentifier, 12..256), not a name', async () => {
    const short = await failure(h.call('ListAliases', { OrganizationId: ORG, EntityId: 'alice' }));
    expect(short.name).toBe('InvalidParameterException');
    expect(short.message).toContain('EntityId');
    const unknown = await failure(h.call('ListAliases', { OrganizationId: ORG, EntityId: 'alice@example.com' }));
    expect(unknown.name).toBe('EntityNotFoundException');
    const tooMany = await failure(h.call('ListAliases', { OrganizationId: ORG, EntityId: await h.userId('alice'), MaxResults: 101 }));
    expect(tooMany.name).toBe('InvalidParameterException');
    const missing = await failure(h.call('ListAliases', { OrganizationId: ORG }));
    expect(missing.name).toBe('InvalidParameterException');
  });

  it('answers OrganizationNotFound, OrganizationState and EntityState like the other operations', async () => {
    const alice = await h.userId('alice');
    const otherOrg = await failure(h.call('ListAliases', { OrganizationId: 'm-00000000000000000000000000000000', EntityId: alice }));
    expect(otherOrg.name).toBe('OrganizationNotFoundException');
    const notInSub = await failure(h.call('ListAliases', { OrganizationId: SUB_ORG, EntityId: alice }));
    expect(notInSub.name).toBe('EntityNotFoundException');
    const tom = await h.userId('tom.brown');
    await h.call('DeregisterFromWorkMail', { OrganizationId: ORG, EntityId: tom });
    await h.call('DeleteUser', { OrganizationId: ORG, UserId: tom });
    expect((await failure(h.call('ListAliases', { OrganizationId: ORG, EntityId: tom }))).name).toBe('EntityStateException');
    await h.control('POST', `/__control/organizations/${ORG}/state`, { state: 'Deleting' });
    expect((await failure(h.call('ListAliases', { OrganizationId: ORG, EntityId: alice }))).name).toBe('OrganizationStateException');
  });

  it('is a read operation the read-only key may call, and DescribeUser finds the owner by an alias', async () => {
    const alice = await h.userId('alice');
    const reader = h.makeClient({ credentials: READ_KEY });
    expect(await h.call('ListAliases', { OrganizationId: ORG, EntityId: alice }, reader)).toMatchObject({
      Aliases: ['alice.admin@example.com'],
    });
    reader.destroy();
    expect(await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'Alice.Admin@example.com' })).toMatchObject({
      UserId: alice,
      Email: 'alice@example.com',
    });
  });

  it('refuses a seed that gives two mailboxes the same address', async () => {
    const seed = {
      organizations: [
        {
          id: ORG,
          alias: 'example',
          defaultMailDomain: 'example.com',
          users: [
            { name: 'one', displayName: 'One', aliases: ['shared@example.com'] },
            { name: 'two', displayName: 'Two', aliases: ['shared@example.com'] },
          ],
        },
      ],
    };
    expect((await h.control('POST', '/__control/seed', seed)).status).toBe(400);
  });
});
