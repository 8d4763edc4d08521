import 'server-only';
/**
 * Keeps what searches need warm, from the moment the server starts (instrumentation.ts): every
 * organization's word index, and the members of every group a delegation or a protection names
 * (the team leads' scopes). Before, the first search after a start missed people while the index
 * built, and a lead's first search walked a 5,000-member nested scope (1.5 s).
 *
 * The work is paced: organizations and groups are handled one after another, and each index
 * build reads one page at a time, so the background holds one directory call in flight and does
 * not compete with operators' searches for the directory's rate limit. The policy is re-read on
 * every round, so a new organization or delegation is warmed without a restart.
 */
import { config } from '../config';
import { log } from '../log';
import { portalPolicy } from '../portal';
import { groupMembers, peopleIndex } from './directory';

/** One round: builds stale indexes and refreshes scopes due for it (the memo refreshes ahead of expiry). */
export async function warmOnce(): Promise<void> {
  const policy = portalPolicy();
  for (const organization of policy.organizations) await peopleIndex(organization.id).refreshIfStale();
  if (config().search.scopeCacheSeconds === 0) return;
  const groups = new Set<string>();
  for (const d of policy.delegations) {
    for (const name of [...d.directoryGroups, ...(policy.protectedGroups.get(d.organizationId) ?? [])])
      groups.add(`${d.organizationId}\u0000${name}`);
  }
  for (const key of groups) {
    const [organizationId, name] = key.split('\u0000') as [string, string];
    await groupMembers(organizationId, name).catch(() => undefined); // a failed walk is retried next round
  }
}

let started = false;

/** Starts the first round and the background rounds; returns at once. */
export function startSearchWarmUp(): void {
  if (started) return;
  started = true;
  let running = false;
  // A round still running (a long first build) is not joined by another: one call in flight.
  const round = () => {
    if (running) return;
    running = true;
    warmOnce()
      .catch((err: unknown) => log.error({ err: (err as Error).message }, 'search warm-up failed'))
      .finally(() => (running = false));
  };
  round();
  // Rounds come often enough that every scope is read at least twice in the second half of its cache life (so
  // it is refreshed before it expires) and that a failed index build is retried within a minute.
  const { indexRefreshSeconds, scopeCacheSeconds } = config().search;
  const every = Math.max(1, Math.min(60, indexRefreshSeconds, scopeCacheSeconds > 0 ? Math.floor(scopeCacheSeconds / 3) : 60));
  setInterval(round, every * 1000).unref();
}
