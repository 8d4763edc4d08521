/**
 * Where the tests find PostgreSQL: TEST_POSTGRES_URL, or the private cluster that
 * `scripts/ensure-postgres.ts` runs on loopback (test-only credentials, never a real server's).
 */
export const DEFAULT_TEST_POSTGRES_URL = 'postgres://portal:portal-test@127.0.0.1:55432/portal_test';

export const testPostgresUrl = (): string => process.env.TEST_POSTGRES_URL ?? DEFAULT_TEST_POSTGRES_URL;
