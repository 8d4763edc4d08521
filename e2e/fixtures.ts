import { test as base, expect, type Cookie } from '@playwright/test';
import { control } from './emulator';
import { E2E_PORTS } from './env';
import { Portal } from './pages/portal';
import { SearchPage } from './pages/search';

interface WorkerFixtures {
  /** Session cookies per demo operator, signed in once per worker through the real IdP. */
  sessions: (username: string) => Promise<Cookie[]>;
}

interface Fixtures {
  /** Puts the operator's session into this test's browser context. */
  signedInAs: (username: string) => Promise<void>;
  portal: Portal;
  search: SearchPage;
  /** The WorkMail emulator back at its seed, with no faults and an empty calls log. */
  workmail: void;
  /** CSP violations reported by any page of the test; asserted empty after each test. */
  cspViolations: string[];
}

/** The worker's signed-in cookies; a spec that ends an operator's sessions server-side forgets theirs. */
const cache = new Map<string, Cookie[]>();
export const forgetSession = (username: string) => cache.delete(username);

export const test = base.extend<Fixtures, WorkerFixtures>({
  // This worker's own portal (e2e/env.ts: one set of servers per worker slot).
  baseURL: async ({}, use) => {
    await use(`http://localhost:${E2E_PORTS.app}`);
  },
  sessions: [
    async ({ browser }, use) => {
      await use(async (username) => {
        if (!cache.has(username)) {
          const context = await browser.newContext({ baseURL: `http://localhost:${E2E_PORTS.app}` });
          const page = await context.newPage();
          await new Portal(page).signInAs(username);
          await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
          cache.set(username, await context.cookies());
          await context.close();
        }
        return cache.get(username)!;
      });
    },
    { scope: 'worker' },
  ],
  signedInAs: async ({ page, sessions }, use) => {
    await use(async (username) => {
      await page.context().clearCookies();
      await page.context().addCookies(await sessions(username));
    });
  },
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to (load|execute|apply)/i.test(message.text())) violations.push(message.text());
    });
    await use(violations);
    expect(violations, 'CSP violations').toEqual([]);
  },
  workmail: [
    async ({}, use) => {
      await control('POST', '/__control/reset');
      await use();
      await control('DELETE', '/__control/faults');
    },
    { auto: true },
  ],
  portal: async ({ page, cspViolations }, use) => {
    void cspViolations;
    await use(new Portal(page));
  },
  search: async ({ page }, use) => {
    await use(new SearchPage(page));
  },
});

export { expect };
