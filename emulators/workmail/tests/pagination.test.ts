/** NextToken paging: distinct tokens, none on the last page, refused when foreign or forged. */
import { paginateListUsers } from '@aws-sdk/client-workmail';
import { describe, expect, it } from 'vitest';
import { failure, ORG, withEmulator } from './harness';

const h = withEmulator();

describe('pagination', () => {
  it('walks ListUsers to the end with distinct tokens and no token on the last page', async () => {
    const everyone = (await h.call('ListUsers', { OrganizationId: ORG })).Users as Array<{ Id: string }>;
    const seen: string[] = [];
    const tokens: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await h.call('ListUsers', { OrganizationId: ORG, MaxResults: 7, NextToken });
      const users = page.Users as Array<{ Id: string }>;
      expect(users.length).toBeLessThanOrEqual(7);
      seen.push(...users.map((u) => u.Id));
      NextToken = page.NextToken as string | undefined;
      if (NextToken) tokens.push(NextToken);
    } while (NextToken);
    expect(seen).toEqual(everyone.map((u) => u.Id));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens).toHaveLength(Math.ceil(everyone.length / 7) - 1);
  });

  it("works with the SDK's own paginator, on a generated organization of 1,000 people", async () => {
    await h.control('POST', '/__control/generate', { organization: 'example', users: 1000 });
    let count = 0;
    for await (const page of paginateListUsers({ client: h.client, pageSize: 100 }, { OrganizationId: ORG }))
      count += page.Users?.length ?? 0;
    expect(count).toBeGreaterThanOrEqual(1040);
  });

  it('pages a prefix filter, ListGroupMembers and ListGroups the same way', async () => {
    await h.control('POST', '/__control/generate', { organization: 'example', users: 250, group: 'big-team' });
    const walk = async (operation: string, input: object, key: string) => {
      let n = 0;
      let NextToken: string | undefined;
      do {
        const page = await h.call(operation, { ...input, MaxResults: 100, NextToken });
        n += (page[key] as unknown[]).length;
        NextToken = page.NextToken as string | undefined;
      } while (NextToken);
      return n;
    };
    expect(await walk('ListGroupMembers', { OrganizationId: ORG, GroupId: 'big-team' }, 'Members')).toBe(250);
    const avery = await walk('ListUsers', { OrganizationId: ORG, Filters: { UsernamePrefix: 'avery.' } }, 'Users');
    const expected = (
      (await h.control('GET', '/__control/state')).json as { organizations: Array<{ users: Array<{ name: string }> }> }
    ).organizations[0]!.users.filter((u) => u.name.startsWith('avery.')).length;
    expect(avery).toBe(expected);
    expect(avery).toBeGreaterThan(0);
    expect(await walk('ListGroups', { OrganizationId: ORG }, 'Groups')).toBe(6);
  });

  it('refuses a forged token and a token from another query', async () => {
    const forged = await failure(h.call('ListUsers', { OrganizationId: ORG, NextToken: 'not-a-token' }));
    expect(forged.name).toBe('InvalidParameterException');
    const first = await h.call('ListUsers', { OrganizationId: ORG, MaxResults: 5 });
    const foreign = await failure(
      h.call('ListUsers', { OrganizationId: ORG, MaxResults: 5, NextToken: first.NextToken, Filters: { UsernamePrefix: 'j' } }),
    );
    expect(foreign.name).toBe('InvalidParameterException');
  });
});
