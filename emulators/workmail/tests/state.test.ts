/** The state rules of docs/workmail.md: entity life cycle, organization checks, password policy. */
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../server';
import { failure, ORG, SUB_ORG, withEmulator } from './harness';

const h = withEmulator();
const GOOD = 'Valid-Passw0rd';

async function createdUser(name = 'state.test') {
  return ((await h.call('CreateUser', { OrganizationId: ORG, Name: name, DisplayName: 'State Test' })) as { UserId: string }).UserId;
}

describe('entity states', () => {
  it('a created user is DISABLED with no email until registered', async () => {
    const UserId = await createdUser();
    const user = await h.call('DescribeUser', { OrganizationId: ORG, UserId });
    expect(user.State).toBe('DISABLED');
    expect(user.Email).toBeUndefined();
    expect(user.EnabledDate).toBeUndefined();
  });

  it('RegisterToWorkMail enables with an EnabledDate; registering again is EntityAlreadyRegisteredException', async () => {
    const UserId = await createdUser();
    await h.call('RegisterToWorkMail', { OrganizationId: ORG, EntityId: UserId, Email: 'state.test@example.com' });
    const user = await h.call('DescribeUser', { OrganizationId: ORG, UserId });
    expect(user.State).toBe('ENABLED');
    expect(Math.abs((user.EnabledDate as Date).getTime() - Date.now())).toBeLessThan(60_000);
    const err = await failure(h.call('RegisterToWorkMail', { OrganizationId: ORG, EntityId: UserId, Email: 'state.test@example.com' }));
    expect(err.name).toBe('EntityAlreadyRegisteredException');
  });

  it('RegisterToWorkMail refuses an address in use and a domain the organization lacks', async () => {
    const UserId = await createdUser();
    const inUse = await failure(h.call('RegisterToWorkMail', { OrganizationId: ORG, EntityId: UserId, Email: 'jane.doe@example.com' }));
    expect(inUse.name).toBe('EmailAddressInUseException');
    const domain = await failure(h.call('RegisterToWorkMail', { OrganizationId: ORG, EntityId: UserId, Email: 'x@elsewhere.org' }));
    expect(domain.name).toBe('MailDomainNotFoundException');
  });

  it('DeregisterFromWorkMail disables; doing it twice is EntityStateException', async () => {
    await h.call('DeregisterFromWorkMail', { OrganizationId: ORG, EntityId: 'tom.brown' });
    expect((await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'tom.brown' })).State).toBe('DISABLED');
    const err = await failure(h.call('DeregisterFromWorkMail', { OrganizationId: ORG, EntityId: 'tom.brown' }));
    expect(err.name).toBe('EntityStateException');
  });

  it('DeleteUser needs DISABLED: an enabled user is EntityStateException; a disabled one becomes DELETED', async () => {
    const enabled = await failure(h.call('DeleteUser', { OrganizationId: ORG, UserId: 'jane.doe' }));
    expect(enabled.name).toBe('EntityStateException');
    expect((await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'jane.doe' })).State).toBe('ENABLED');
    await h.call('DeleteUser', { OrganizationId: ORG, UserId: 'sam.lee' });
    expect((await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'sam.lee' })).State).toBe('DELETED');
  });

  it('ResetPassword on a DISABLED or DELETED user is EntityStateException and stores nothing', async () => {
    const sam = await h.userId('sam.lee');
    const disabled = await failure(h.call('ResetPassword', { OrganizationId: ORG, UserId: sam, Password: GOOD }));
    expect(disabled.name).toBe('EntityStateException');
    await h.call('DeleteUser', { OrganizationId: ORG, UserId: sam });
    const deleted = await failure(h.call('ResetPassword', { OrganizationId: ORG, UserId: sam, Password: GOOD }));
    expect(deleted.name).toBe('EntityStateException');
    const verify = await h.control('POST', '/__control/verify-password', { organizationId: ORG, userId: sam, password: GOOD });
    expect(verify.json).toEqual({ match: false });
  });

  it('ResetPassword takes the id only: a username is EntityNotFoundException', async () => {
    const err = await failure(h.call('ResetPassword', { OrganizationId: ORG, UserId: 'jane.doe.by.name', Password: GOOD }));
    expect(err.name).toBe('EntityNotFoundException');
  });

  it('unknown people and groups are EntityNotFoundException', async () => {
    expect((await failure(h.call('DescribeUser', { OrganizationId: ORG, UserId: 'ghost' }))).name).toBe('EntityNotFoundException');
    expect((await failure(h.call('DescribeGroup', { OrganizationId: ORG, GroupId: 'ghosts' }))).name).toBe('EntityNotFoundException');
    expect((await failure(h.call('ListGroupMembers', { OrganizationId: ORG, GroupId: 'ghosts' }))).name).toBe('EntityNotFoundException');
  });

  it('a taken or reserved name is refused by CreateUser', async () => {
    expect((await failure(createdUser('jane.doe'))).name).toBe('NameAvailabilityException');
    expect((await failure(createdUser('postmaster'))).name).toBe('ReservedNameException');
  });
});

describe('organizations', () => {
  it('an unknown organization is OrganizationNotFoundException', async () => {
    const err = await failure(h.call('ListUsers', { OrganizationId: 'm-00000000000000000000000000000000' }));
    expect(err.name).toBe('OrganizationNotFoundException');
  });

  it('a non-Active organization is OrganizationStateException, while DescribeOrganization still answers', async () => {
    const set = await h.control('POST', `/__control/organizations/${SUB_ORG}/state`, { state: 'Inactive' });
    expect(set.json).toEqual({ id: SUB_ORG, state: 'Inactive' });
    const err = await failure(h.call('ListUsers', { OrganizationId: SUB_ORG }));
    expect(err.name).toBe('OrganizationStateException');
    expect((await h.call('DescribeOrganization', { OrganizationId: SUB_ORG })).State).toBe('Inactive');
    expect((await h.call('ListUsers', { OrganizationId: ORG })).Users).not.toHaveLength(0);
  });

  it('writes against an AD Connector directory are UnsupportedOperationException', async () => {
    await h.control('POST', '/__control/seed', {
      organizations: [
        {
          id: ORG,
          alias: 'example',
          defaultMailDomain: 'example.com',
          directoryType: 'AD Connector',
          users: [{ name: 'ad.user', displayName: 'AD User' }],
        },
      ],
    });
    const UserId = await h.userId('ad.user');
    const err = await failure(h.call('ResetPassword', { OrganizationId: ORG, UserId, Password: GOOD }));
    expect(err.name).toBe('UnsupportedOperationException');
  });
});

describe('password policy', () => {
  it.each([
    ['too short', 'Ab1!xyz'],
    ['too long', `Ab1!${'x'.repeat(61)}`],
    ['only two classes', 'lowercase123'],
  ])('refuses a password that is %s with InvalidPasswordException', async (_label, Password) => {
    const UserId = await h.userId('jane.doe');
    const err = await failure(h.call('ResetPassword', { OrganizationId: ORG, UserId, Password }));
    expect(err.name).toBe('InvalidPasswordException');
    const verify = await h.control('POST', '/__control/verify-password', { organizationId: ORG, userId: UserId, password: Password });
    expect(verify.json).toEqual({ match: false });
  });

  it('accepts 8 characters with 3 classes, and Latin-1 characters', async () => {
    const UserId = await h.userId('jane.doe');
    for (const Password of ['Abcdef1x', 'Ünïcödé-Pässwört 1']) {
      await h.call('ResetPassword', { OrganizationId: ORG, UserId, Password });
      const verify = await h.control('POST', '/__control/verify-password', { organizationId: ORG, userId: UserId, password: Password });
      expect(verify.json).toEqual({ match: true });
    }
  });

  it('is configurable', async () => {
    const strict = await startEmulator({ passwordPolicy: { minLength: 20, requiredClasses: 4 } });
    try {
      const { WorkMailClient, ResetPasswordCommand, DescribeUserCommand } = await import('@aws-sdk/client-workmail');
      const client = new WorkMailClient({
        region: 'us-east-1',
        endpoint: strict.url,
        credentials: { accessKeyId: 'AKIAEMULATORDEMO0001', secretAccessKey: 'emulator-demo-secret-key-0001' },
      });
      const { UserId } = await client.send(new DescribeUserCommand({ OrganizationId: ORG, UserId: 'jane.doe' }));
      const err = await failure(client.send(new ResetPasswordCommand({ OrganizationId: ORG, UserId, Password: 'Valid-Passw0rd' })));
      expect(err.name).toBe('InvalidPasswordException');
      await client.send(new ResetPasswordCommand({ OrganizationId: ORG, UserId, Password: 'Valid-Passw0rd-long-enough' }));
      client.destroy();
    } finally {
      await strict.close();
    }
  });
});
