import { test as base, expect } from '@playwright/test';
import { Portal } from './pages/portal';

interface Fixtures {
  portal: Portal;
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
  portal: async ({ page, cspViolations }, use) => {
    void cspViolations;
    await use(new Portal(page));
  },
});

export { expect };
