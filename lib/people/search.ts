import 'server-only';
/**
 * Finding people (docs/architecture.md). Admins: the directory's prefix filters in parallel, an exact lookup,
 * and the word index, merged. Team leads: the transitive members of their groups, filtered in
 * memory. Every row carries `can(actor, 'reset', person)`, the same answer the action enforces.
 */
import type { Actor } from '../access/actor';
import { can, type Decision } from '../access/can';
import { getPerson, groupMembers, peopleIndex, directory } from './directory';
import { byName, type PeopleIndex } from './people-index';
import type { Person, PersonWithGroups, PrefixField } from '../directory/types';

export const PAGE_SIZE = 25;
/** How many word-index matches to merge with the live results. */
const INDEX_LIMIT = 200;
/** New people not yet in the index are looked up one by one, at most this many per search. */
const MAX_LOOKUPS = 25;
/**
 * How long a word search waits for an index whose first build is still running. The demo's
 * builds in milliseconds; a 100,000-person organization takes minutes on a real directory, and then
 * the search answers from prefixes alone and says the word index is still warming up.
 */
export const INDEX_WAIT_MS = 2_000;

const ALL_PREFIXES: readonly PrefixField[] = ['username', 'displayName', 'email'];

/**
 * Which live prefix filters a query needs (docs/decisions/005-search-warm-and-by-shape.md). The word index
 * already answers every prefix of every word, username and email of the people it holds, so the
 * live calls only catch people added since its last build: an email query asks the email prefix,
 * one with a space the display-name prefix, anything else the username prefix. Fewer parallel
 * calls per query is what keeps the search's p95 near one directory call's. Until the index's
 * first build is done, every prefix is asked.
 */
export function prefixFields(query: string, indexReady: boolean): readonly PrefixField[] {
  if (!indexReady) return ALL_PREFIXES;
  if (query.includes('@')) return ['email'];
  if (/\s/.test(query)) return ['displayName'];
  return ['username'];
}

export interface SearchRow {
  person: Person;
  reset: Decision;
}

export interface SearchResult {
  rows: SearchRow[];
  total: number;
  page: number;
  pageCount: number;
  /** Cursor of the next page when listing with no query (the directory's own paging). */
  nextCursor?: string;
  /** True when the directory has more matches than were merged: refine the query. */
  truncated: boolean;
  /** Present while the word index's first build runs: matches inside names may be missing. */
  warming?: { loaded: number };
}

/** The relevant group names of a person, from the membership sets that decide scope and protection. */
async function membershipOf(actor: Actor, organizationId: string): Promise<(person: Person) => PersonWithGroups> {
  const access = actor.organizations.get(organizationId)!;
  // An admin's decisions do not depend on groups (all in scope, protection does not bind them).
  const names = access.scope === 'all' ? [] : [...new Set([...access.scope, ...access.protectedGroups])];
  const sets = await Promise.all(names.map(async (name) => [name, await groupMembers(organizationId, name)] as const));
  return (person) => ({ ...person, groups: sets.filter(([, ids]) => ids.has(person.id)).map(([name]) => name) });
}

/** Name order: the index's ranks first (no string comparisons), then anyone it does not hold yet. */
function sortByName(people: Person[], index: PeopleIndex): Person[] {
  return people.sort((a, b) => index.rankOf(a.id) - index.rankOf(b.id) || byName(a, b));
}

/**
 * One page of already visible, name-sorted people. Decisions are made for the shown rows only:
 * every candidate passed `can(view)` (or is in the lead's scope, which is the same test).
 */
function page(people: Person[], pageNumber: number, decide: (p: Person) => SearchRow | undefined, truncated: boolean): SearchResult {
  const pageCount = Math.max(1, Math.ceil(people.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, pageNumber), pageCount);
  const rows = people
    .slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE)
    .map(decide)
    .filter((r): r is SearchRow => r !== undefined);
  return { rows, total: people.length, page: current, pageCount, truncated };
}

/** The visible people matching a query in one organization, name-sorted, before paging. */
export interface Matches {
  people: Person[];
  decide: (person: Person) => SearchRow | undefined;
  truncated: boolean;
  warming?: { loaded: number };
}

export async function searchPeople(
  actor: Actor,
  organizationId: string,
  query: string,
  options: { page?: number; cursor?: string; indexWaitMs?: number } = {},
): Promise<SearchResult> {
  const access = actor.organizations.get(organizationId);
  if (!access) return { rows: [], total: 0, page: 1, pageCount: 1, truncated: false };
  const q = query.trim().slice(0, 256);
  if (access.scope === 'all' && !q) {
    const decide = await decider(actor, organizationId);
    void peopleIndex(organizationId).refreshIfStale();
    const listed = await directory().listPeople(organizationId, { cursor: options.cursor, limit: PAGE_SIZE });
    const rows = listed.people.map(decide).filter((r): r is SearchRow => r !== undefined);
    return { rows, total: rows.length, page: 1, pageCount: 1, nextCursor: listed.nextCursor, truncated: false };
  }
  const found = await matchPeople(actor, organizationId, q, options);
  const result = page(found.people, options.page ?? 1, found.decide, found.truncated);
  return found.warming ? { ...result, warming: found.warming } : result;
}

/** `can` for one organization's people, with the group memberships its decisions need. */
export async function decider(actor: Actor, organizationId: string): Promise<(person: Person) => SearchRow | undefined> {
  const groupsOf = await membershipOf(actor, organizationId);
  return (person: Person): SearchRow | undefined => {
    const target = groupsOf(person);
    if (!can(actor, 'view', target).allowed) return undefined;
    return { person, reset: can(actor, 'reset', target) };
  };
}

/**
 * Everyone in one organization who matches a non-empty query (an admin) or any query (a lead),
 * name-sorted and not yet paged: searchPeople pages one organization, lib/people/search-all.ts several.
 */
export async function matchPeople(
  actor: Actor,
  organizationId: string,
  q: string,
  options: { indexWaitMs?: number } = {},
): Promise<Matches> {
  const access = actor.organizations.get(organizationId)!;
  const decide = await decider(actor, organizationId);
  const index = peopleIndex(organizationId);

  if (access.scope === 'all') {
    // The index is searched (or awaited, while it warms up) while the directory calls are in flight.
    const pending = directory().findByPrefix(organizationId, q, prefixFields(q, index.ready));
    pending.catch(() => undefined); // awaited below; this only keeps a failure during the wait from counting as unhandled
    const ready = index.ready || (await index.whenReady(options.indexWaitMs ?? INDEX_WAIT_MS));
    if (ready) void index.refreshIfStale();
    const indexed = ready ? index.search(q, INDEX_LIMIT) : [];
    const live = await pending;
    const merged = new Map<string, Person>();
    for (const person of [...live.people, ...indexed]) if (!merged.has(person.id)) merged.set(person.id, person);
    const people = sortByName([...merged.values()], index);
    return ready
      ? { people, decide, truncated: live.truncated }
      : { people, decide, truncated: live.truncated, warming: { loaded: index.warmingProgress } };
  }

  // A lead's scope: everyone in their groups, nested included. The index supplies names and
  // emails (a directory's member lists may carry neither); people added since it was built are looked up.
  if (!index.ready) await index.refreshIfStale();
  else void index.refreshIfStale();
  const ids = new Set((await Promise.all(access.scope.map((g) => groupMembers(organizationId, g)))).flatMap((s) => [...s]));
  const people: Person[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const person = index.byId(id);
    if (person) people.push(person);
    else missing.push(id);
  }
  const found = await Promise.all(missing.slice(0, MAX_LOOKUPS).map((id) => getPerson(organizationId, id)));
  people.push(...found.filter((p): p is Person => p !== null));
  const needle = q.toLowerCase();
  const matches = needle
    ? people.filter((p) => [p.displayName, p.username, p.email ?? ''].some((field) => field.toLowerCase().includes(needle)))
    : people;
  return { people: sortByName(matches, index), decide, truncated: missing.length > MAX_LOOKUPS };
}
