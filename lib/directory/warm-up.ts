import 'server-only';
/**
 * Keeps every organization's word index built: once at server start (instrumentation.ts), then on
 * the refresh interval, so no operator's search is the one that starts a build. Organizations are
 * built one after another and each build reads one page at a time, so the background work holds
 * at most one directory call in flight and never competes with operators' searches for the
 * directory's rate limit. The policy is re-read on every round: a new organization gets its index
 * without a restart.
 */
import { loadPolicy } from '../access/policy';
import { config } from '../config';
import { peopleIndex } from './index';

let started = false;

async function refreshAll(): Promise<void> {
  for (const organization of loadPolicy(config().accessPolicyFile).organizations) {
    await peopleIndex(organization.id).refreshIfStale();
  }
}

/** Starts the first build of every index and the background refresh; returns at once. */
export function warmPeopleIndexes(): void {
  if (started) return;
  started = true;
  const round = () => void refreshAll().catch((err: unknown) => console.error('people index: warm-up failed', (err as Error).message));
  round();
  // refreshIfStale rebuilds only what is older than PEOPLE_INDEX_REFRESH_SECONDS; checking more
  // often than that keeps a failed build from waiting a whole interval to be retried.
  setInterval(round, Math.min(config().search.indexRefreshSeconds, 60) * 1000).unref();
}
