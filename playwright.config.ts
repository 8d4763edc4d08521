import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './scripts/browser';
import { databaseFor, E2E_SECRET, E2E_WORKERS, mailPortsFor, portsFor } from './e2e/env';
import { demoEnvironment, redirectUri } from './scripts/demo-env';

const executablePath = chromiumExecutable();

// Each worker signs its operators in once and reuses the cookies for the whole run (e2e/fixtures.ts),
// longer than the step-up limit: off for the suite's portals and the ones specs start (they copy
// process.env); e2e/step-up.spec.ts starts its own with a limit.
process.env.REAUTH_MAX_AGE_MINUTES ??= '0';

/** One emulator, identity provider and portal (with its own SQLite audit log) per worker slot. */
function serversFor(worker: number) {
  const ports = portsFor(worker);
  const database = databaseFor(worker);
  const mail = mailPortsFor(worker);
  const env = {
    // With the worker's mail catcher: every reset on this portal sends a notice (e2e/handover.spec.ts).
    ...demoEnvironment({ ...ports, mail }, E2E_SECRET),
    DATABASE_URL: `file:./${database}`,
    // Many resets by one admin across the suite; the per-operator limit has its own integration test.
    RESET_LIMIT_PER_ACTOR: '1000',
    // e2e/sessions.spec.ts changes session records behind the portal's back and waits for it to read
    // them again: 1 s, not the default 5, per wait (the default's window: lib/sessions/live.test.ts).
    SESSION_CHECK_SECONDS: '1',
    // The no-access page's help for people who came for their own password (e2e/navigation.spec.ts).
    HELP_URL: 'https://help.example.com/own-password',
    HELP_TEXT: 'Call the service desk on 1234.',
  };
  return [
    {
      command: `npx tsx emulators/workmail/main.ts --port ${ports.workmail}`,
      url: `http://127.0.0.1:${ports.workmail}/__control/state`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx emulators/oidc/main.ts --port ${ports.oidc} --redirect-uri ${redirectUri(ports.app)}`,
      url: `http://127.0.0.1:${ports.oidc}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx emulators/mail/main.ts --smtp-port ${mail.smtp} --http-port ${mail.http}`,
      url: `http://127.0.0.1:${mail.http}/messages`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -f ${database} ${database}-wal ${database}-shm && npx next start -p ${ports.app}`,
      // Readiness, not liveness: the static liveness file answers before the start-up has run (e2e/env.ts).
      url: `http://localhost:${ports.app}/api/health/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
      env,
    },
  ];
}

export default defineConfig({
  testDir: 'e2e',
  // Files are spread over the workers; the tests of one file run in order in one worker.
  fullyParallel: false,
  workers: E2E_WORKERS,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    // Each worker's own portal: e2e/fixtures.ts sets baseURL from the worker slot.
    // A failing test's trace keeps its DOM snapshots, not the screencast: recording the screen cost every test ~5 % of its CPU.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: executablePath ? { executablePath } : {} },
    },
  ],
  webServer: Array.from({ length: E2E_WORKERS }, (_, worker) => serversFor(worker)).flat(),
});
