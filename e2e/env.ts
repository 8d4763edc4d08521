/**
 * The end-to-end suite's fixed parts, shared by playwright.config.ts and the specs that start more
 * servers. The suite runs in E2E_WORKERS Playwright workers, each with its own WorkMail emulator,
 * identity provider, portal and database, so specs in different workers never share state.
 */
import { expect } from '@playwright/test';
import type { DemoPorts } from '../scripts/demo-env';

/** 2 by default (one per core here); `E2E_WORKERS=n` to try another count: every worker has its own servers. */
export const E2E_WORKERS = Math.max(1, Math.min(8, Number(process.env.E2E_WORKERS) || 2));

/** Test ports sit apart from the demo's (3000/4010/4011) so both can run at once; apps 20 apart per worker (19 extra ports each). */
export function portsFor(worker: number): DemoPorts {
  return { app: 3100 + 20 * worker, workmail: 4310 + 10 * worker, oidc: 4311 + 10 * worker };
}
/**
 * The worker's mail catcher (emulators/mail): app+17 and app+18, kept from extraPort. Only the
 * worker's main portal sends notices to it; portals a spec starts itself send none unless told.
 */
export const mailPortsFor = (worker: number) => ({ smtp: portsFor(worker).app + 17, http: portsFor(worker).app + 18 });
export const databaseFor = (worker: number) => `data/e2e-portal-${worker}.db`;

/**
 * This process's worker slot: Playwright sets TEST_PARALLEL_INDEX (0 … workers-1) in each worker
 * process, so a spec's module-level constants name its own worker's servers. 0 elsewhere.
 */
export const WORKER = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
export const E2E_PORTS: DemoPorts = portsFor(WORKER);
export const E2E_DATABASE = databaseFor(WORKER);
export const E2E_MAIL_PORTS = mailPortsFor(WORKER);
/** Ports for servers a spec starts itself: app+1 … app+19 belong to this worker (17 and 18 are the mail catcher's). */
export const extraPort = (n: number) => {
  if (n < 1 || n > 19) throw new Error(`extraPort(${n}): use 1 to 19`);
  if (n === 17 || n === 18) throw new Error(`extraPort(${n}): the mail catcher's (mailPortsFor)`);
  return E2E_PORTS.app + n;
};
export const E2E_SECRET = 'e2e-only-secret-0123456789abcdef0123456789';

/**
 * Whether the portal at `base` has started: its readiness answers. Liveness (`/api/health`) is a
 * static file that Next serves before the start-up (configuration, policy, migrations: lib/startup.ts)
 * has finished, so a spec that reads the portal's database waits for this instead. `orNotReady`:
 * a 503 (a check failing, as a portal built to fail one does) counts as started too.
 */
export async function portalStarted(base: string, { orNotReady = false } = {}): Promise<boolean> {
  const res = await fetch(`${base}/api/health/ready`);
  return res.ok || (orNotReady && res.status === 503);
}

/** Waits (polling) until the portal at `base` has started: see portalStarted. */
export async function expectPortalStarted(base: string, timeout = 60_000): Promise<void> {
  await expect(async () => expect(await portalStarted(base)).toBe(true)).toPass({ timeout });
}
