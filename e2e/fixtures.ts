import { test as base, expect } from '@playwright/test';
import { control } from './emulator';
import { Portal } from './pages/portal';
import { SearchPage } from './pages/search';

interface Fixtures {
  portal: Portal;
  search: SearchPage;
  /** The WorkMail emulator back at its seed, with no faults and an empty calls log. */
  workmail: void;
  /** CSP violations reported by any page of the test; asserted empty after each test. */
  cspViolations: string[];
}

export const test = base.extend<Fixtures>({
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
