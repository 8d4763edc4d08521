import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './scripts/browser';
import { E2E_DATABASE, E2E_PORTS, E2E_SECRET } from './e2e/env';
import { demoEnvironment, redirectUri } from './scripts/demo-env';

const executablePath = chromiumExecutable();
const env = {
  ...demoEnvironment(E2E_PORTS, E2E_SECRET),
  DATABASE_URL: `file:./${E2E_DATABASE}`,
  // Many resets by one admin across the suite; the per-operator limit has its own integration test.
  RESET_LIMIT_PER_ACTOR: '1000',
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${E2E_PORTS.app}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], launchOptions: executablePath ? { executablePath } : {} },
    },
  ],
  webServer: [
    {
      command: `npx tsx emulators/workmail/main.ts --port ${E2E_PORTS.workmail}`,
      url: `http://127.0.0.1:${E2E_PORTS.workmail}/__control/state`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx emulators/oidc/main.ts --port ${E2E_PORTS.oidc} --redirect-uri ${redirectUri(E2E_PORTS.app)}`,
      url: `http://127.0.0.1:${E2E_PORTS.oidc}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -f ${E2E_DATABASE} ${E2E_DATABASE}-wal ${E2E_DATABASE}-shm && npx next start -p ${E2E_PORTS.app}`,
      url: `http://localhost:${E2E_PORTS.app}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env,
    },
  ],
});
