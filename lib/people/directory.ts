import 'server-only';
/**
 * The portal's directory: the one place that picks the WorkMail adapter, plus the shared caches
 * (per-organization word index, group memberships) and per-request memos, so a page never asks
 * the directory the same thing twice.
 */
import { cache } from 'react';
import { loadPolicy } from '../access/policy';
import { config } from '../config';
import { WorkMailDirectory } from '../providers/workmail/directory';
import { PeopleIndex } from './people-index';
import { TtlCache } from './ttl-cache';
import type { Directory } from '../directory/types';

let instance: Directory | undefined;

export function directory(): Directory {
  instance ??= new WorkMailDirectory(
    (organizationId) =>
      loadPolicy(config().accessPolicyFile).organizations.find((o) => o.id === organizationId)?.region ?? config().workmail.region,
  );
  return instance;
}

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
