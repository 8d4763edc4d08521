import 'server-only';
/**
 * The directory's answers that the portal keeps: the per-organization word index, group
 * memberships, and per-request memos, so a page never asks the directory the same thing twice.
 * Which directory answers is the composition root's business (lib/portal.ts).
 */
import { cache } from 'react';
import { config } from '../config';
import { directory } from '../portal';
import { PeopleIndex } from './people-index';
import { TtlCache } from './ttl-cache';

export { directory };

/**
 * One word index per organization for the whole process. Next.js bundles instrumentation (which
 * warms the indexes at start, lib/people/warm-up.ts) apart from the pages, each with its own
 * copy of this module, so the map lives on globalThis for both to share.
 */
const shared = globalThis as typeof globalThis & {
  __portalPeopleIndexes?: Map<string, PeopleIndex>;
  __portalMemberships?: TtlCache<Set<string>>;
};
const indexes = (shared.__portalPeopleIndexes ??= new Map<string, PeopleIndex>());

export function peopleIndex(organizationId: string): PeopleIndex {
  let index = indexes.get(organizationId);
  if (!index) {
    index = new PeopleIndex((progress) => directory().allPeople(organizationId, progress), config().search.indexRefreshSeconds * 1000);
    indexes.set(organizationId, index);
  }
  return index;
}

/**
 * Transitive members of a group, shared by every operator for SCOPE_CACHE_SECONDS and refreshed
 * ahead of expiry; the delegated and protected groups are kept warm from the start
 * (lib/people/warm-up.ts), so a team lead's first search does not walk their groups.
 */
export function groupMembers(organizationId: string, groupName: string): Promise<Set<string>> {
  shared.__portalMemberships ??= new TtlCache(config().search.scopeCacheSeconds * 1000);
  return shared.__portalMemberships.get(`${organizationId}\u0000${groupName}`, () => directory().membersOf(organizationId, groupName));
}

/** Forgets every cached membership: the benchmark measures a cold scope with it. */
export function forgetMemberships(): void {
  shared.__portalMemberships?.clear();
}

/** Per request: the person page, its layout and the action may all ask for the same person. */
export const getPerson = cache((organizationId: string, identifier: string) => directory().getPerson(organizationId, identifier));
export const groupsOf = cache((organizationId: string, personId: string) => directory().groupsOf(organizationId, personId));
