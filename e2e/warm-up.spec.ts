/**
 * Right after a start, the first word search finds people: the portal builds every
 * organization's word index when it starts (lib/people/warm-up.ts), and a search that comes
 * before the build is done waits for it a short while. Before, alice's first search for "doe"
 * after `npm run demo` found nobody. A fresh production server (the standalone build) on its own
 * port shares the suite's identity provider, WorkMail emulator, database and session secret, so
 * alice's sign-in cookie works there too (cookies ignore ports).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { test, expect } from './fixtures';
import { demoEnvironment } from '../scripts/demo-env';
import { E2E_DATABASE, E2E_PORTS, E2E_SECRET, extraPort, expectPortalStarted } from './env';

const PORT = extraPort(3);

test('the first search after a cold start finds Jane Doe by a word of her name', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const child = spawn(process.execPath, ['.next/standalone/server.js'], {
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      ...demoEnvironment({ ...E2E_PORTS, app: PORT }, E2E_SECRET),
      PORT: String(PORT),
      HOSTNAME: '::',
      ACCESS_POLICY_FILE: resolve('config/access-policy.demo.json'),
      DATABASE_URL: `file:${resolve(E2E_DATABASE)}`,
    },
  });
  try {
    await expectPortalStarted(`http://localhost:${PORT}`);
    await page.goto(`http://localhost:${PORT}/users?q=doe`);
    const results = page.getByRole('region', { name: 'Results for “doe”' });
    await expect(results.getByRole('link', { name: 'Jane Doe' })).toBeVisible();
    await expect(page.getByText('still warming up')).toHaveCount(0);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
});
