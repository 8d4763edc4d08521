/**
 * Group membership, nested groups included. Active Directory answers in one search with
 * LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941), which Samba supports too. Other servers
 * do not (OpenLDAP's memberof overlay records direct membership only), so the portal walks the
 * groups breadth first, one search per level, with a guard against cycles.
 */
import { escapeFilter, type Client } from 'ldapts';
import { DirectoryError } from '../../directory/errors';
import type { Flavour } from './flavours';
import type { ConnectionPool } from './pool';

const IN_CHAIN = '1.2.840.113556.1.4.1941';
/** DNs per OR filter in the walk: keeps each filter a reasonable size. */
const CHUNK = 50;
const PAGE_SIZE = 500;

export interface GroupContext {
  pool: ConnectionPool;
  flavour: Flavour;
  /** The people filter in use. */
  people: string;
  organizationId: string;
  groupBase: string;
  peopleBase: string;
  activeDirectory: boolean;
}

const anyOf = (attribute: string, dns: string[]) => `(|${dns.map((dn) => `(${attribute}=${escapeFilter`${dn}`})`).join('')})`;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function search(client: Client, base: string, filter: string, attributes: string[], binary: string[] = []) {
  const { searchEntries } = await client.search(base, {
    scope: 'sub',
    filter,
    attributes,
    explicitBufferAttributes: binary,
    paged: { pageSize: PAGE_SIZE },
  });
  return searchEntries;
}

/** Breadth first from `start`: `next` finds the DNs one step on; each DN is visited once. */
async function walk(start: string[], next: (frontier: string[]) => Promise<string[]>): Promise<Set<string>> {
  const seen = new Set<string>(start.map((dn) => dn.toLowerCase()));
  let frontier = start;
  while (frontier.length > 0) {
    const found = (await Promise.all(chunks(frontier).map(next))).flat();
    frontier = found.filter((dn) => !seen.has(dn.toLowerCase()));
    for (const dn of frontier) seen.add(dn.toLowerCase());
  }
  return seen;
}

/** Names (cn) of every group `dn` belongs to, directly or through nesting, sorted. */
export async function groupsOf(ctx: GroupContext, dn: string): Promise<string[]> {
  const { pool, flavour, groupBase } = ctx;
  return pool.use(async (client) => {
    if (ctx.activeDirectory) {
      const entries = await search(client, groupBase, `(&${flavour.groupFilter}(member:${IN_CHAIN}:=${escapeFilter`${dn}`}))`, ['cn']);
      return entries.map((e) => String(e.cn)).sort();
    }
    const names = new Map<string, string>();
    await walk([dn], async (members) => {
      const entries = await search(client, groupBase, `(&${flavour.groupFilter}${anyOf('member', members)})`, ['cn']);
      for (const e of entries) names.set(e.dn.toLowerCase(), String(e.cn));
      return entries.map((e) => e.dn);
    });
    return [...new Set(names.values())].sort();
  });
}

/** Ids of every person in the group named `name`, directly or through nesting; `group-not-found` when there is no such group, or two. */
export async function membersOf(ctx: GroupContext, name: string): Promise<Set<string>> {
  const { pool, flavour, groupBase, peopleBase, people, organizationId } = ctx;
  const ids = (entries: Awaited<ReturnType<typeof search>>) => entries.map((e) => flavour.toPerson(e, organizationId).id);
  return pool.use(async (client) => {
    const groups = await search(client, groupBase, `(&${flavour.groupFilter}${escapeFilter`(cn=${name})`})`, ['cn']);
    const named = groups.filter((g) => String(g.cn) === name);
    // Unknown or ambiguous: refuse rather than protect (or grant) nobody.
    if (named.length !== 1) throw new DirectoryError('group-not-found', undefined, named.length ? 'AmbiguousGroup' : 'NoSuchGroup');
    const root = named[0]!;
    const found = new Set<string>();
    if (ctx.activeDirectory) {
      const entries = await search(
        client,
        peopleBase,
        `(&${people}(memberOf:${IN_CHAIN}:=${escapeFilter`${root.dn}`}))`,
        flavour.attributes,
        flavour.binaryAttributes,
      );
      for (const id of ids(entries)) found.add(id);
      return found;
    }
    // Each level: the people directly in these groups, and the groups directly in them (memberOf).
    await walk([root.dn], async (level) => {
      const [members, subgroups] = await Promise.all([
        search(client, peopleBase, `(&${people}${anyOf('memberOf', level)})`, flavour.attributes, flavour.binaryAttributes),
        search(client, groupBase, `(&${flavour.groupFilter}${anyOf('memberOf', level)})`, ['cn']),
      ]);
      for (const id of ids(members)) found.add(id);
      return subgroups.map((g) => g.dn);
    });
    return found;
  });
}
