import 'server-only';
/**
 * Readiness (`GET /api/health/ready`, docs/deployment.md): can this instance serve operators now?
 * Liveness (`/api/health`) only says the process answers; a policy file that became invalid
 * after start fails every page while the process lives on. Each check is named and answers ok or
 * error, never why (the reason goes to the log): the endpoint is public and must not leak paths,
 * hosts or messages. Other parts add their checks with `registerCheck`.
 */
import { sql } from 'kysely';
import { database } from './audit/db';
import { identityProviderStatus } from './auth/discovery';
import { config } from './config';
import { portalPolicy } from './portal';
import { log } from './log';

/** Resolves when the part works; throws (or rejects) with the reason when it does not. */
export type Check = () => unknown;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'error'>;
}

/** A check that does not settle within this counts as an error: a hung database is not ready. */
const CHECK_TIMEOUT_MS = 3000;

const registry = new Map<string, Check>();

/** Adds (or replaces) a named check; the name is shown in the readiness answer. */
export function registerCheck(name: string, check: Check): void {
  registry.set(name, check);
}

function withTimeout(check: Check, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve().then(check), timeout]).finally(() => clearTimeout(timer));
}

/** Runs every check at once; `checks` defaults to the registered ones. */
export async function readiness(checks: ReadonlyMap<string, Check> = registry, timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
  const names = [...checks.keys()];
  const outcomes = await Promise.allSettled(names.map((name) => withTimeout(checks.get(name)!, timeoutMs)));
  const report: ReadinessReport = { ready: true, checks: {} };
  outcomes.forEach((outcome, i) => {
    const name = names[i]!;
    report.checks[name] = outcome.status === 'fulfilled' ? 'ok' : 'error';
    if (outcome.status === 'rejected') {
      report.ready = false;
      log.warn({ check: name, err: (outcome.reason as Error)?.message }, 'readiness: check failed');
    }
  });
  return report;
}

registerCheck('configuration', () => config());
registerCheck('policy', () => portalPolicy());
registerCheck('database', async () => {
  const { db } = await database();
  await sql`select 1`.execute(db);
});
// The identity provider's discovery document: without it nobody can sign in (lib/auth/discovery.ts
// names the URL it tried in the log).
registerCheck('identity-provider', async () => {
  const status = await identityProviderStatus();
  if (!status.ok) throw new Error(status.message);
});
