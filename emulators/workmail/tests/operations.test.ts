/** The happy path of every implemented operation, through the real AWS SDK over HTTP. */
import { describe, expect, it } from 'vitest';
import { ORG, SUB_ORG, withEmulator } from './harness';

const h = withEmulator();

describe('read operations', () => {
  it('ListOrganizations lists both demo organizations', async () => {
    const out = await h.call('ListOrganizations', {});
    expect(out.OrganizationSummaries).toEqual([
      { OrganizationId: ORG, Alias: 'example', DefaultMailDomain: 'example.com', State: 'Active' },
      { OrganizationId: SUB_ORG, Alias: 'subsidiary', DefaultMailDomain: 'subsidiary.example', State: 'Active' },
    ]);
    expect(out.NextToken).toBeUndefined();
  });

  it('DescribeOrganization returns the organization with an ARN and a Date timestamp', async () => {
    const out = await h.call('DescribeOrganization', { OrganizationId: ORG });
    expect(out).toMatchObject({ OrganizationId: ORG, Alias: 'example', State: 'Active', DefaultMailDomain: 'example.com' });
    expect(out.ARN).toBe(`arn:aws:workmail:us-east-1:000000000000:organization/${ORG}`);
    expect(out.CompletedDate).toBeInstanceOf(Date);
  });

  it('ListUsers returns the demo people with their state and role', async () => {
    const out = await h.call('ListUsers', { OrganizationId: ORG });
    const users = out.Users as Array<Record<string, unknown>>;
    expect(users.length).toBeGreaterThanOrEqual(40);
    const jane = users.find((u) => u.Name === 'jane.doe');
    expect(jane).toMatchObject({ DisplayName: 'Jane Doe', Email: 'jane.doe@example.com', State: 'ENABLED', UserRole: 'USER' });
    expect(jane!.EnabledDate).toBeInstanceOf(Date);
    expect(users.find((u) => u.Name === 'sam.lee')).toMatchObject({ State: 'DISABLED' });
    expect(users.find((u) => u.Name === 'conf.room.1')).toMatchObject({ UserRole: 'RESOURCE' });
    expect(users.find((u) => u.Name === 'journal')).toMatchObject({ UserRole: 'SYSTEM_USER' });
    expect((users.find((u) => u.Name === 'ivy.center')!.IdentityProviderUserId as string).length).toBeGreaterThan(0);
  });

  it('ListUsers filters by username, display name and email prefix, case-insensitively', async () => {
    const names = async (Filters: object) =>
      ((await h.call('ListUsers', { OrganizationId: ORG, Filters })).Users as Array<{ Name: string }>).map((u) => u.Name);
    expect(await names({ UsernamePrefix: 'jane' })).toEqual(['jane.doe']);
    expect(await names({ DisplayNamePrefix: 'priya' })).toEqual(['priya.patel']);
    expect(await names({ PrimaryEmailPrefix: 'MARIA.' })).toEqual(['maria.garcia']);
    expect(await names({ State: 'DISABLED' })).toEqual(['sam.lee']);
    expect(await names({ IdentityProviderUserIdPrefix: '906744d9a1' })).toEqual(['ivy.center']);
  });

  it('DescribeUser finds a person by id, username or email', async () => {
    const id = await h.userId('jane.doe');
    for (const UserId of [id, 'jane.doe', 'Jane.Doe@example.com']) {
      const out = await h.call('DescribeUser', { OrganizationId: ORG, UserId });
      expect(out).toMatchObject({ UserId: id, Name: 'jane.doe', DisplayName: 'Jane Doe', FirstName: 'Jane', LastName: 'Doe' });
    }
    const ivy = await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'ivy.center' });
    expect(ivy.IdentityProviderIdentityStoreId).toBe('d-906744d9a1');
  });

  it('ListGroups, DescribeGroup, ListGroupMembers and ListGroupsForEntity show the nesting of platform in engineering', async () => {
    const groups = (await h.call('ListGroups', { OrganizationId: ORG })).Groups as Array<{ Name: string; Id: string }>;
    expect(groups.map((g) => g.Name).sort()).toEqual(['engineering', 'executives', 'it-admins', 'platform', 'sales']);
    const prefixed = (await h.call('ListGroups', { OrganizationId: ORG, Filters: { NamePrefix: 'eng' } })).Groups;
    expect(prefixed).toHaveLength(1);

    const engineering = await h.call('DescribeGroup', { OrganizationId: ORG, GroupId: 'engineering' });
    expect(engineering).toMatchObject({ Name: 'engineering', Email: 'engineering@example.com', State: 'ENABLED' });

    const members = (await h.call('ListGroupMembers', { OrganizationId: ORG, GroupId: engineering.GroupId })).Members as Array<{
      Name: string;
      Type: string;
    }>;
    expect(members).toContainEqual(expect.objectContaining({ Name: 'platform', Type: 'GROUP' }));
    expect(members).toContainEqual(expect.objectContaining({ Name: 'jane.doe', Type: 'USER' }));

    const ofErin = (await h.call('ListGroupsForEntity', { OrganizationId: ORG, EntityId: 'erin.exec' })).Groups;
    expect(ofErin).toEqual(
      expect.arrayContaining([expect.objectContaining({ GroupName: 'engineering' }), expect.objectContaining({ GroupName: 'executives' })]),
    );
    const filtered = (
      await h.call('ListGroupsForEntity', { OrganizationId: ORG, EntityId: 'erin.exec', Filters: { GroupNamePrefix: 'exec' } })
    ).Groups;
    expect(filtered).toEqual([expect.objectContaining({ GroupName: 'executives' })]);
    const ofPlatform = (await h.call('ListGroupsForEntity', { OrganizationId: ORG, EntityId: 'platform' })).Groups;
    expect(ofPlatform).toEqual([expect.objectContaining({ GroupName: 'engineering' })]);
  });
});

describe('write operations', () => {
  it('ResetPassword stores the new password, which verify-password confirms', async () => {
    const UserId = await h.userId('jane.doe');
    await h.call('ResetPassword', { OrganizationId: ORG, UserId, Password: 'Correct-Horse-42' });
    const verify = (password: string) => h.control('POST', '/__control/verify-password', { organizationId: ORG, userId: UserId, password });
    expect((await verify('Correct-Horse-42')).json).toEqual({ match: true });
    expect((await verify('correct-horse-42')).json).toEqual({ match: false });
  });

  it('CreateUser, RegisterToWorkMail, UpdateUser, DeregisterFromWorkMail and DeleteUser walk a user through its life', async () => {
    const { UserId } = (await h.call('CreateUser', { OrganizationId: ORG, Name: 'new.person', DisplayName: 'New Person' })) as {
      UserId: string;
    };
    expect(await h.call('DescribeUser', { OrganizationId: ORG, UserId })).toMatchObject({ State: 'DISABLED', Name: 'new.person' });

    await h.call('RegisterToWorkMail', { OrganizationId: ORG, EntityId: UserId, Email: 'new.person@example.com' });
    const enabled = await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'new.person@example.com' });
    expect(enabled).toMatchObject({ State: 'ENABLED', Email: 'new.person@example.com' });
    expect(enabled.EnabledDate).toBeInstanceOf(Date);

    await h.call('UpdateUser', { OrganizationId: ORG, UserId, DisplayName: 'Renamed Person', JobTitle: 'Tester', Role: 'REMOTE_USER' });
    expect(await h.call('DescribeUser', { OrganizationId: ORG, UserId })).toMatchObject({
      DisplayName: 'Renamed Person',
      JobTitle: 'Tester',
      UserRole: 'REMOTE_USER',
    });

    await h.call('DeregisterFromWorkMail', { OrganizationId: ORG, EntityId: UserId });
    const disabled = await h.call('DescribeUser', { OrganizationId: ORG, UserId });
    expect(disabled).toMatchObject({ State: 'DISABLED' });
    expect(disabled.DisabledDate).toBeInstanceOf(Date);

    await h.call('DeleteUser', { OrganizationId: ORG, UserId });
    expect(await h.call('DescribeUser', { OrganizationId: ORG, UserId })).toMatchObject({ State: 'DELETED' });
  });

  it('CreateGroup, AssociateMemberToGroup and DisassociateMemberFromGroup change membership', async () => {
    const { GroupId } = (await h.call('CreateGroup', { OrganizationId: ORG, Name: 'support' })) as { GroupId: string };
    expect(await h.call('DescribeGroup', { OrganizationId: ORG, GroupId })).toMatchObject({ Name: 'support', State: 'DISABLED' });
    await h.call('AssociateMemberToGroup', { OrganizationId: ORG, GroupId, MemberId: 'tom.brown' });
    await h.call('AssociateMemberToGroup', { OrganizationId: ORG, GroupId, MemberId: 'sales' });
    const members = async () =>
      ((await h.call('ListGroupMembers', { OrganizationId: ORG, GroupId })).Members as Array<{ Name: string }>).map((m) => m.Name);
    expect(await members()).toEqual(['tom.brown', 'sales']);
    await h.call('DisassociateMemberFromGroup', { OrganizationId: ORG, GroupId, MemberId: 'tom.brown' });
    expect(await members()).toEqual(['sales']);
  });
});
