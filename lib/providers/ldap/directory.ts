/**
 * The portal's Directory over LDAP: Active Directory (Samba or Windows) or OpenLDAP and friends,
 * per organization, on ldapts. Reads stay inside the organization's people and group bases; every
 * value from outside is escaped (RFC 4515); every failure becomes a neutral DirectoryError
 * (lib/providers/ldap/errors.ts). docs/active-directory.md describes the settings.
 */
import type { Client, Entry, Filter } from 'ldapts';
import { DirectoryError } from '../../directory/errors';
import type { Directory, Person, PersonPage, PrefixField } from '../../directory/types';
import { FLAVOURS, identifierFilter, peopleAnd, prefixFilter, type Flavour } from './flavours';
import { groupsOf, membersOf, type GroupContext } from './groups';
import type { LdapOptions } from './options';
import { refuseUnencrypted, resetActiveDirectory, resetLdap, type ResetOptions, type ResetOutcome } from './password';
import { ConnectionPool } from './pool';

const ALL_FIELDS: readonly PrefixField[] = ['username', 'displayName', 'email'];
/** Matches a prefix search returns; more means the operator should type more. */
const PREFIX_LIMIT = 50;
/** Longer queries match nobody a person would type; they only cost the server. */
const MAX_QUERY = 256;
/**
 * Control characters match nobody a person would type either, and servers differ on them
 * (OpenLDAP ends a value at an escaped NUL, so `a\u0000b` would match like `a`).
 */
const UNSEARCHABLE = /[\u0000-\u001f\u007f]/;
const searchable = (query: string) => query.length > 0 && query.length <= MAX_QUERY && !UNSEARCHABLE.test(query);
const PAGE_SIZE = 500;
/** How long the sorted read behind listPeople serves the pages after the first. */
const LIST_SNAPSHOT_MS = 60_000;
/**
 * The first page starts a new read, unless one finished this recently or is under way: a read of
 * the whole directory takes seconds on a large one, and admins opening the list at once share it.
 */
const FIRST_PAGE_REUSE_MS = 10_000;

export class LdapDirectory implements Directory {
  private readonly pools = new Map<string, ConnectionPool>();
  private readonly snapshots = new Map<string, { at: number; people: Person[] }>();
  private readonly sortedReads = new Map<string, Promise<{ at: number; people: Person[] }>>();

  constructor(private readonly optionsOf: (organizationId: string) => LdapOptions) {}

  private context(organizationId: string) {
    let pool = this.pools.get(organizationId);
    if (!pool) {
      pool = new ConnectionPool(this.optionsOf(organizationId));
      this.pools.set(organizationId, pool);
    }
    const options = pool.options;
    const flavour = FLAVOURS[options.flavour];
    const people = options.peopleFilter ?? flavour.peopleFilter;
    return { pool, options, flavour, people };
  }

  /** Closes idle connections of every organization (tests, shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
  }

  private searchPeople(client: Client, organizationId: string, flavour: Flavour, base: string, filter: string | Filter, sizeLimit = 0) {
    return client
      .search(base, {
        scope: 'sub',
        filter,
        sizeLimit,
        attributes: flavour.attributes,
        explicitBufferAttributes: flavour.binaryAttributes,
        paged: sizeLimit ? false : { pageSize: PAGE_SIZE },
      })
      .then(({ searchEntries }) => searchEntries.map((e) => flavour.toPerson(e, organizationId)));
  }

  async allPeople(organizationId: string, progress?: (loaded: number) => void): Promise<Person[]> {
    const { pool, options, flavour, people } = this.context(organizationId);
    return pool.use(async (client) => {
      const found: Person[] = [];
      const pages = client.searchPaginated(options.peopleBaseDN, {
        scope: 'sub',
        filter: people,
        attributes: flavour.attributes,
        explicitBufferAttributes: flavour.binaryAttributes,
        paged: { pageSize: PAGE_SIZE },
      });
      for await (const page of pages) {
        found.push(...page.searchEntries.map((e) => flavour.toPerson(e, organizationId)));
        progress?.(found.length);
      }
      return found;
    });
  }

  /**
   * A page in username order. Paged-results cookies belong to one connection, and not every
   * server can order by username in a filter (OpenLDAP's uid has no ordering rule), so the cursor
   * is the last username shown and pages come from one sorted read of everyone: made afresh for
   * the first page and kept for LIST_SNAPSHOT_MS for the pages after it.
   */
  async listPeople(organizationId: string, { cursor, limit }: { cursor?: string; limit: number }): Promise<PersonPage> {
    const after = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
    let snapshot = this.snapshots.get(organizationId);
    const age = snapshot ? Date.now() - snapshot.at : Infinity;
    if (age > (after === undefined ? FIRST_PAGE_REUSE_MS : LIST_SNAPSHOT_MS)) snapshot = await this.sortedRead(organizationId);
    const everyone = snapshot!.people;
    const start = after === undefined ? 0 : everyone.findIndex((p) => compare(p.username, after) > 0);
    const rest = start < 0 ? [] : everyone.slice(start);
    const page = rest.slice(0, Math.max(1, limit));
    const last = page.at(-1);
    return {
      people: page,
      nextCursor: rest.length > page.length && last ? Buffer.from(last.username, 'utf8').toString('base64url') : undefined,
    };
  }

  /** Everyone, sorted by username, read once for all callers that ask while it runs. */
  private sortedRead(organizationId: string): Promise<{ at: number; people: Person[] }> {
    let read = this.sortedReads.get(organizationId);
    if (!read) {
      read = this.allPeople(organizationId)
        .then((people) => {
          const snapshot = { at: Date.now(), people: people.sort((a, b) => compare(a.username, b.username)) };
          this.snapshots.set(organizationId, snapshot);
          return snapshot;
        })
        .finally(() => this.sortedReads.delete(organizationId));
      this.sortedReads.set(organizationId, read);
    }
    return read;
  }

  async findByPrefix(
    organizationId: string,
    query: string,
    fields: readonly PrefixField[] = ALL_FIELDS,
  ): Promise<{ people: Person[]; truncated: boolean }> {
    const { pool, options, flavour, people } = this.context(organizationId);
    if (!searchable(query) || fields.length === 0) return { people: [], truncated: false };
    const filter = prefixFilter(flavour, people, query, fields);
    const byId = flavour.idFilter(query);
    return pool.use(async (client) => {
      const [found, exact] = await Promise.all([
        this.searchPeople(client, organizationId, flavour, options.peopleBaseDN, filter, PREFIX_LIMIT + 1),
        byId ? this.searchPeople(client, organizationId, flavour, options.peopleBaseDN, peopleAnd(people, byId), 1) : Promise.resolve([]),
      ]);
      const merged = [...exact, ...found.slice(0, PREFIX_LIMIT).filter((p) => !exact.some((e) => e.id === p.id))];
      return { people: merged, truncated: found.length > PREFIX_LIMIT };
    });
  }

  async getPerson(organizationId: string, identifier: string): Promise<Person | null> {
    const found = await this.findEntry(organizationId, identifier);
    return found ? found.person : null;
  }

  /** The one person an identifier names, with their DN; null for none or for an ambiguous one. */
  private async findEntry(
    organizationId: string,
    identifier: string,
    extra: string[] = [],
  ): Promise<{ person: Person; dn: string; entry: Entry } | null> {
    const { pool, options, flavour, people } = this.context(organizationId);
    if (!searchable(identifier)) return null;
    return pool.use(async (client) => {
      const { searchEntries } = await client.search(options.peopleBaseDN, {
        scope: 'sub',
        filter: identifierFilter(flavour, people, identifier),
        sizeLimit: 2,
        attributes: [...flavour.attributes, ...extra],
        explicitBufferAttributes: flavour.binaryAttributes,
      });
      if (searchEntries.length !== 1) return null;
      const entry = searchEntries[0]!;
      return { person: flavour.toPerson(entry, organizationId), dn: entry.dn, entry };
    });
  }

  /** AD keeps further addresses in proxyAddresses as `smtp:` (the primary is `SMTP:`); plain LDAP has no standard place. */
  async aliasesOf(organizationId: string, personId: string): Promise<string[]> {
    if (this.context(organizationId).options.flavour !== 'active-directory') return [];
    const found = await this.findEntry(organizationId, personId, ['proxyAddresses']);
    const values = found?.entry.proxyAddresses ?? [];
    return (Array.isArray(values) ? values : [values])
      .map(String)
      .filter((v) => v.startsWith('smtp:'))
      .map((v) => v.slice(5));
  }

  private groupContext(organizationId: string): GroupContext {
    const { pool, options, flavour, people } = this.context(organizationId);
    return {
      pool,
      flavour,
      people,
      organizationId,
      groupBase: options.groupBaseDN ?? options.peopleBaseDN,
      peopleBase: options.peopleBaseDN,
      activeDirectory: options.flavour === 'active-directory',
    };
  }

  async groupsOf(organizationId: string, personId: string): Promise<string[]> {
    const found = await this.findEntry(organizationId, personId);
    return found ? groupsOf(this.groupContext(organizationId), found.dn) : [];
  }

  async membersOf(organizationId: string, groupName: string): Promise<Set<string>> {
    return membersOf(this.groupContext(organizationId), groupName);
  }

  async resetPassword(organizationId: string, personId: string, password: string, reset: ResetOptions = {}): Promise<ResetOutcome> {
    const { pool, options } = this.context(organizationId);
    refuseUnencrypted(pool.encrypted);
    // Resolved inside the people base with the people filter: a reset cannot reach anything else.
    const found = await this.findEntry(organizationId, personId);
    if (!found || found.person.id !== personId.toLowerCase()) throw new DirectoryError('not-found', undefined, 'NoSuchPerson');
    const set = options.flavour === 'active-directory' ? resetActiveDirectory : resetLdap;
    return pool.use((client) => set(client, found.dn, password, reset));
  }
}

/** Usernames in a stable, case-insensitive order. */
function compare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
}
