/**
 * The checks a starting instance makes before it answers anyone (instrumentation.ts): the
 * configuration, the access policy, and the database with its migrations. Any failure stops the
 * process with its message (never a secret), so an orchestrator sees a failed start, not a
 * server that answers every request with an error. Then it starts building the word indexes in
 * the background, so the first search after a start does not miss anyone.
 */
import { database } from './audit/db';
import { startRepeatFlush } from './audit/repeats';
import { identityProviderStatus } from './auth/discovery';
import { startHandoverPurge } from './handover/purge';
import { log } from './log';
import { resumeWaves } from './migrations/run';
import { startSearchWarmUp } from './people/warm-up';
import { portalPolicy } from './portal';
import { PRODUCT_ID } from './product';

export async function startup(): Promise<void> {
  try {
    // The policy, each organization checked by its provider; old spellings still work, and say so once.
    const policy = portalPolicy();
    for (const line of policy.deprecations) log.warn({ deprecated: line }, `access policy: ${line}`);
    const { backend } = await database();
    console.log(`${PRODUCT_ID}: configuration, access policy and ${backend} database ready`);
    startSearchWarmUp();
    // Counted refusals reach the chain within a minute of their minute's end, refusal or not.
    startRepeatFlush();
    // Unclaimed passwords and unopened one-time links end on time, whether or not anyone calls (docs/handover.md).
    startHandoverPurge();
    // Migration waves a restart interrupted continue where they stopped (docs/migrations.md).
    void resumeWaves().catch((err: unknown) => log.error({ err: (err as Error).message }, 'migration waves not resumed at start'));
  } catch (err) {
    console.error(`${PRODUCT_ID} cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  // The identity provider may come up after the portal: its discovery is retried, and readiness
  // (identityProviderStatus) fails until it is read, so this is logged rather than fatal.
  const idp = await identityProviderStatus();
  if (idp.ok) console.log(`${PRODUCT_ID}: identity provider ${idp.issuer} discovered`);
  else console.error(`${PRODUCT_ID}: sign-in will fail until this is fixed: ${idp.message}`);
}
