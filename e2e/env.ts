/** The end-to-end suite's fixed parts, shared by playwright.config.ts and the specs that start more servers. */
import type { DemoPorts } from '../scripts/demo-env';

/** Test ports sit apart from the demo's (3000/4010/4011) so both can run at once. */
export const E2E_PORTS: DemoPorts = { app: 3100, workmail: 4310, oidc: 4311 };
export const E2E_SECRET = 'e2e-only-secret-0123456789abcdef0123456789';
export const E2E_DATABASE = 'data/e2e-portal.db';
