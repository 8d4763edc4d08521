/** The WorkMail adapter against the emulator over HTTP: nested groups both ways, cycles, lookups, errors. */
import { AssociateMemberToGroupCommand, CreateGroupCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulators/workmail/server';
import { DEMO_CREDENTIALS } from '../../../scripts/demo-env';
import { directoryOnEmulator } from '../../../test/workmail-directory';
import { DirectoryError } from '../../directory/errors';
import type { WorkMailDirectory } from './directory';
import { EXAMPLE_ORG_ID } from '../../../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
let emulator: RunningEmulator;
let directory: WorkMailDirectory;

beforeAll(async () => {
  ({ emulator, directory } = await directoryOnEmulator());
});
afterAll(() => emulator.close());

const idOf = (name: string) => [...emulator.state.organizations.get(ORG)!.users.values()].find((u) => u.name === name)!.id;

describe('the WorkMail directory', () => {
  it('finds the groups of a person through nesting', async () => {
    expect(await directory.groupsOf(ORG, idOf('priya.patel'))).toEqual(['engineering', 'platform']);
    expect(await directory.groupsOf(ORG, idOf('erin.exec'))).toEqual(['engineering', 'executives']);
    expect(await directory.groupsOf(ORG, idOf('conf.room.1'))).toEqual([]);
  });

  it('finds the members of a group through nesting, and none of an unknown group', async () => {
    const engineering = await directory.membersOf(ORG, 'engineering');
    expect(engineering.has(idOf('priya.patel'))).toBe(true);
    expect(engineering.has(idOf('jane.doe'))).toBe(true);
    expect(engineering.has(idOf('maria.garcia'))).toBe(false);
    await expect(directory.membersOf(ORG, 'no-such-group')).rejects.toMatchObject({ code: 'group-not-found' });
  });

  it('survives a cycle of nested groups', async () => {
    const client = new WorkMailClient({ region: 'us-east-1', endpoint: emulator.url, credentials: DEMO_CREDENTIALS });
    const { GroupId: loop } = await client.send(new CreateGroupCommand({ OrganizationId: ORG, Name: 'loop' }));
    await client.send(new AssociateMemberToGroupCommand({ OrganizationId: ORG, GroupId: loop, MemberId: 'sales' }));
    await client.send(new AssociateMemberToGroupCommand({ OrganizationId: ORG, GroupId: 'sales', MemberId: loop }));
    const members = await directory.membersOf(ORG, 'loop');
    expect(members.has(idOf('tom.brown'))).toBe(true);
    expect(await directory.groupsOf(ORG, idOf('tom.brown'))).toEqual(['loop', 'sales']);
    client.destroy();
  });

  it('looks people up by id, username or email, and answers null for nobody', async () => {
    expect((await directory.getPerson(ORG, 'jane.doe@example.com'))?.id).toBe(idOf('jane.doe'));
    expect(await directory.getPerson(ORG, 'nobody')).toBeNull();
    expect(await directory.getPerson(ORG, 'not an identifier!')).toBeNull();
  });

  it('lists a person’s aliases, and none for an unknown id', async () => {
    expect(await directory.aliasesOf(ORG, idOf('alice'))).toEqual(['alice.admin@example.com']);
    expect(await directory.aliasesOf(ORG, idOf('jane.doe'))).toEqual([]);
    expect(await directory.aliasesOf(ORG, '00000000-0000-0000-0000-000000000000')).toEqual([]);
  });

  it('searches by prefix with an exact lookup for emails, and maps errors with the request id', async () => {
    const { people } = await directory.findByPrefix(ORG, 'jane.doe@example.com');
    expect(people.map((p) => p.username)).toContain('jane.doe');
    await fetch(`${emulator.url}/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'ListUsers', error: 'OrganizationStateException', times: 3 }),
    });
    const err = await directory.findByPrefix(ORG, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DirectoryError);
    expect(err).toMatchObject({ code: 'organization-state', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
