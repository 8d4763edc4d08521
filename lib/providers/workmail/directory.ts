import 'server-only';
/**
 * The WorkMail implementation of the portal's Directory. Every call goes through `call`, which
 * maps SDK errors to DirectoryError; ids and names are validated before they reach WorkMail,
 * because the JS SDK validates nothing (docs/workmail.md).
 */
import {
  DescribeUserCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ResetPasswordCommand,
  paginateListAliases,
  paginateListGroupMembers,
  paginateListGroupsForEntity,
  paginateListUsers,
  type ListUsersRequest,
} from '@aws-sdk/client-workmail';
import { DirectoryError } from '../../directory/errors';
import type { Directory, Person, PersonPage, PrefixField, ResetOptions, ResetOutcome } from '../../directory/types';
import { workmailClient } from './client';
import { toDirectoryError } from './errors';
import { fromDescribedUser, fromListedUser } from './mappers';
import { roleSession } from './role-sessions';

/** WorkMail's EntityIdentifier: an id, a username or an email (DescribeUser API reference). */
const ENTITY_IDENTIFIER = /^[a-zA-Z0-9._%+@-]{1,256}$/;
/** Queries worth an exact DescribeUser besides the prefix filters: emails (aliases too) and ids. */
const EMAIL_OR_ID = /@|^S-1-|^r-[0-9a-f]{32}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** WorkMail's user ids: no prefix filter can match one, so an id-shaped query is only looked up. */
const USER_ID = /^S-1-|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER: Record<PrefixField, keyof NonNullable<ListUsersRequest['Filters']>> = {
  username: 'UsernamePrefix',
  displayName: 'DisplayNamePrefix',
  email: 'PrimaryEmailPrefix',
};
const ALL_FIELDS: readonly PrefixField[] = ['username', 'displayName', 'email'];
/** Prefix filters are plain strings of at most 256 characters (ListUsersFilters). */
const MAX_PREFIX = 256;
/** Matches per filter: two pages of results each; more means the operator should type more. */
const PREFIX_PAGE = 50;

/**
 * Breadth-first through nested groups from `start`: `expand` lists an entity's neighbours,
 * `visit` sees each once and says whether to go on from it. `seen` guards against cycles (a
 * group nested in itself, directly or not).
 */
async function walk<T extends { id: string }>(start: string, expand: (id: string) => Promise<T[]>, visit: (item: T) => boolean) {
  const seen = new Set<string>([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const item of (await Promise.all(frontier.map(expand))).flat()) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      if (visit(item)) next.push(item.id);
    }
    frontier = next;
  }
}

export class WorkMailDirectory implements Directory {
  constructor(
    private readonly regionOf: (organizationId: string) => string,
    /** The organization's reset role (its `roleArn`), if it has one (docs/cloudtrail.md). */
    private readonly roleOf: (organizationId: string) => string | undefined = () => undefined,
  ) {}

  private client(organizationId: string) {
    return workmailClient(this.regionOf(organizationId));
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw toDirectoryError(err);
    }
  }

  async listPeople(organizationId: string, { cursor, limit }: { cursor?: string; limit: number }): Promise<PersonPage> {
    const input: ListUsersRequest = { OrganizationId: organizationId, MaxResults: Math.min(100, Math.max(1, limit)) };
    if (cursor) input.NextToken = cursor;
    const out = await this.call(() => this.client(organizationId).send(new ListUsersCommand(input)));
    return { people: (out.Users ?? []).map((u) => fromListedUser(u, organizationId)), nextCursor: out.NextToken };
  }

  async allPeople(organizationId: string, progress?: (loaded: number) => void): Promise<Person[]> {
    return this.call(async () => {
      const people: Person[] = [];
      const pages = paginateListUsers({ client: this.client(organizationId), pageSize: 100 }, { OrganizationId: organizationId });
      for await (const page of pages) {
        for (const u of page.Users ?? []) people.push(fromListedUser(u, organizationId));
        progress?.(people.length);
      }
      return people;
    });
  }

  async findByPrefix(
    organizationId: string,
    query: string,
    fields: readonly PrefixField[] = ALL_FIELDS,
  ): Promise<{ people: Person[]; truncated: boolean }> {
    const prefix = query.slice(0, MAX_PREFIX);
    const list = (Filters: ListUsersRequest['Filters']) =>
      this.call(() =>
        this.client(organizationId).send(new ListUsersCommand({ OrganizationId: organizationId, MaxResults: PREFIX_PAGE, Filters })),
      );
    // WorkMail filters are prefix-only and one per call: the asked fields go out at once.
    // An exact username is its own prefix, so DescribeUser is only worth a call for an email
    // (which also finds aliases) or an id, which no filter matches.
    const lookup = ENTITY_IDENTIFIER.test(query) && EMAIL_OR_ID.test(query);
    const filtered = USER_ID.test(query) ? [] : fields;
    const [exact, ...pages] = await Promise.all([
      lookup ? this.getPerson(organizationId, query) : Promise.resolve(null),
      ...filtered.map((field) => list({ [FILTER[field]]: prefix })),
    ]);
    const people = pages.flatMap((out) => (out.Users ?? []).map((u) => fromListedUser(u, organizationId)));
    return { people: exact ? [exact, ...people] : people, truncated: pages.some((out) => out.NextToken !== undefined) };
  }

  async getPerson(organizationId: string, identifier: string): Promise<Person | null> {
    if (!ENTITY_IDENTIFIER.test(identifier)) return null;
    try {
      const out = await this.call(() =>
        this.client(organizationId).send(new DescribeUserCommand({ OrganizationId: organizationId, UserId: identifier })),
      );
      return fromDescribedUser(out, organizationId);
    } catch (err) {
      if (err instanceof DirectoryError && err.code === 'not-found') return null;
      throw err;
    }
  }

  async aliasesOf(organizationId: string, personId: string): Promise<string[]> {
    try {
      return await this.call(async () => {
        const aliases: string[] = [];
        const pages = paginateListAliases(
          { client: this.client(organizationId), pageSize: 100 },
          { OrganizationId: organizationId, EntityId: personId },
        );
        for await (const page of pages) aliases.push(...(page.Aliases ?? []));
        return aliases;
      });
    } catch (err) {
      if (err instanceof DirectoryError && err.code === 'not-found') return [];
      throw err;
    }
  }

  async groupsOf(organizationId: string, personId: string): Promise<string[]> {
    const names = new Set<string>();
    await walk(
      personId,
      (id) => this.directGroupsOf(organizationId, id),
      (group) => {
        names.add(group.name);
        return true;
      },
    );
    return [...names].sort();
  }

  private directGroupsOf(organizationId: string, entityId: string) {
    return this.call(async () => {
      const groups: Array<{ id: string; name: string }> = [];
      const pages = paginateListGroupsForEntity(
        { client: this.client(organizationId), pageSize: 100 },
        { OrganizationId: organizationId, EntityId: entityId },
      );
      for await (const page of pages)
        for (const g of page.Groups ?? []) if (g.GroupId && g.GroupName) groups.push({ id: g.GroupId, name: g.GroupName });
      return groups;
    });
  }

  async membersOf(organizationId: string, groupName: string): Promise<Set<string>> {
    const root = await this.groupId(organizationId, groupName);
    const people = new Set<string>();
    if (!root) throw new DirectoryError('group-not-found', undefined, 'NoSuchGroup');
    await walk(
      root,
      (id) => this.directMembers(organizationId, id),
      (member) => {
        if (member.type === 'USER') people.add(member.id);
        return member.type === 'GROUP';
      },
    );
    return people;
  }

  /** Group names may hold spaces, which GroupId does not accept: look the id up by exact name. */
  private async groupId(organizationId: string, name: string): Promise<string | undefined> {
    const out = await this.call(() =>
      this.client(organizationId).send(
        new ListGroupsCommand({ OrganizationId: organizationId, MaxResults: 100, Filters: { NamePrefix: name.slice(0, MAX_PREFIX) } }),
      ),
    );
    return out.Groups?.find((g) => g.Name === name && g.State !== 'DELETED')?.Id;
  }

  private directMembers(organizationId: string, groupId: string) {
    return this.call(async () => {
      const members: Array<{ id: string; type: string }> = [];
      const pages = paginateListGroupMembers(
        { client: this.client(organizationId), pageSize: 100 },
        { OrganizationId: organizationId, GroupId: groupId },
      );
      for await (const page of pages) for (const m of page.Members ?? []) if (m.Id && m.Type) members.push({ id: m.Id, type: m.Type });
      return members;
    });
  }

  async resetPassword(organizationId: string, personId: string, password: string, options: ResetOptions = {}): Promise<ResetOutcome> {
    const command = () => new ResetPasswordCommand({ OrganizationId: organizationId, UserId: personId, Password: password });
    const roleArn = this.roleOf(organizationId);
    if (!roleArn) {
      const out = await this.call(() => this.client(organizationId).send(command()));
      return { requestId: out.$metadata.requestId };
    }
    // Only the reset runs under the role: searches and lookups keep the portal's own credentials.
    const assume = (fresh: boolean) =>
      roleSession(roleArn, organizationId, this.regionOf(organizationId), options.operator, options.ticket, { fresh });
    let { session, cached } = await assume(false);
    const under = () => ({ role: session.roleArn, identity: session.sourceIdentity });
    try {
      try {
        const out = await session.client.send(command());
        return { requestId: out.$metadata.requestId, operatorSession: under() };
      } catch (err) {
        // Keys refused as expired or unknown were refused before anything happened: one new
        // session, one more try, so an expired cached session is renewed without the operator noticing.
        if (!cached || toDirectoryError(err).code !== 'credentials') throw err;
        ({ session, cached } = await assume(true));
        const out = await session.client.send(command());
        return { requestId: out.$metadata.requestId, operatorSession: under() };
      }
    } catch (err) {
      if (err instanceof DirectoryError) throw err;
      const e = toDirectoryError(err);
      // Under the role, "not allowed" is the role's policy (or its source-identity condition): configuration.
      const code = e.code === 'access-denied' ? 'operator-session-refused' : e.code;
      throw new DirectoryError(code, e.requestId, e.providerCode, e.providerMessage, under());
    }
  }
}
