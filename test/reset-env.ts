import { workmailEnvironment } from '../scripts/demo-env';

/** The environment of the reset action's integration tests: the emulator, a SQLite audit file, the demo policy, a test secret. */
export const resetTestEnvironment = (emulatorUrl: string, dbFile: string, extra: Record<string, string> = {}) => ({
  ...workmailEnvironment(emulatorUrl),
  DATABASE_URL: `file:${dbFile}`,
  ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
  NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdef',
  ...extra,
});
