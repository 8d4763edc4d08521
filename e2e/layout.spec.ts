/**
 * Every page fits a phone (375×812) and a laptop (1280×800) in every state, light and dark:
 * nothing scrolls sideways (document width ≤ window width), and axe finds nothing at phone size
 * either (target sizes included), in both colour schemes. Each state is reached once and then
 * measured at both sizes and in both schemes (the viewport and prefers-color-scheme changed in
 * place: the layout is CSS media queries only, with no transitions), instead of reaching it four
 * times in four tests. The person page's own layout is tested in its own spec.
 */
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { fault } from './emulator';
import { expect, test } from './fixtures';
import { AuditPage } from './pages/audit';
import { PersonPage } from './pages/person';

const PHONE = { width: 375, height: 812 };
const LAPTOP = { width: 1280, height: 800 };
const COMBINATIONS = [
  { name: 'phone, light', viewport: PHONE, colorScheme: 'light' },
  { name: 'phone, dark', viewport: PHONE, colorScheme: 'dark' },
  { name: 'laptop, light', viewport: LAPTOP, colorScheme: 'light' },
  { name: 'laptop, dark', viewport: LAPTOP, colorScheme: 'dark' },
] as const;

/** The page as it is now, at each size and in each scheme; left as the test began (phone, light). */
async function expectFits(page: Page, label: string) {
  for (const { name, viewport, colorScheme } of COMBINATIONS) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(innerWidth, `${label}, ${name}: the window's width`).toBe(viewport.width);
    expect(scrollWidth, `${label}, ${name}: page width`).toBeLessThanOrEqual(innerWidth);
  }
  // At phone size, axe as well, with target sizes, in both schemes (e2e/axe.ts; it ends in light).
  await page.setViewportSize(PHONE);
  await expectNoAxeViolations(page, label, { targetSize: true });
}

test.use({ viewport: PHONE, colorScheme: 'light' });

test('sign-in, no-access and not-found fit', async ({ page, signedInAs }) => {
  await page.goto('/sign-in');
  await expectFits(page, 'sign-in');
  await page.goto('/sign-in?error=OAuthCallback');
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
  await expectFits(page, 'sign-in with an error');
  await signedInAs('dave');
  await page.goto('/no-access');
  await expect(page.getByRole('heading', { level: 1, name: 'You have no access to this portal' })).toBeVisible();
  await expectFits(page, 'no-access');
  await signedInAs('alice');
  await page.goto('/no-such-page/with-a-rather-long-name-that-goes-on-and-on-and-on');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectFits(page, 'not found');
});

test('search fits with results, empty, loading and failing', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  await page.goto('/users?q=e');
  await expect(page.getByRole('region', { name: 'Results for “e”' }).getByRole('table')).toBeVisible();
  await expectFits(page, 'search results');
  await page.goto('/users?q=nobody-at-all-by-this-rather-long-name@example.com');
  await expect(page.getByRole('region', { name: /^Results/ }).getByRole('status')).toContainText('No one matches');
  await expectFits(page, 'search, empty');

  // Loading: the next search's response held until the page has been measured.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === '/users' && url.searchParams.get('q') === 'maria',
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.getByRole('searchbox', { name: 'Search users' }).fill('maria');
  await expect(page.getByText('Loading people…')).toBeVisible();
  await expectFits(page, 'search, loading');
  release();
  await expect(page.getByRole('link', { name: 'Maria Garcia', exact: true })).toBeVisible();

  await fault({ operation: 'ListUsers', error: 'DirectoryUnavailableException' });
  await page.goto('/users?q=zzz-failing');
  await expect(
    page
      .getByRole('region', { name: /^Results/ })
      .getByRole('alert')
      .first(),
  ).toBeVisible();
  await expectFits(page, 'search, failing');
});

test('the audit log fits, with an event opened, for an admin and for a team lead', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  // A reset with a long unbroken reason, so the log has something wide to wrap.
  const person = new PersonPage(page);
  await person.open('example', 'jack.dubois');
  await person.reset('Saddle-Turnip-Glacier-58', `INC-${'9'.repeat(60)}`);
  await expect(person.status()).toBeVisible();
  const audit = new AuditPage(page);
  await page.goto('/audit');
  await expect(audit.table()).toBeVisible();
  await audit.openFirstEvent();
  await expect(audit.rows().first().getByText('Hash')).toBeVisible();
  await expectFits(page, 'audit, event opened');
  await page.goto('/audit?from=not-a-date');
  await expectFits(page, 'audit, bad filter');
  await signedInAs('bob');
  await page.goto('/audit');
  await expectFits(page, 'audit, team lead');
});

test('the person page fits, resettable and not', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'jane.doe');
  await expectFits(page, 'person');
  await person.fill('Tundra-Pepper-Violin-35');
  await expect(person.meter()).toHaveAttribute('aria-valuetext', /strong/i);
  await expectFits(page, 'person, typing');
  await page.goto('/users/example/sam.lee');
  await expectFits(page, 'person, not resettable');
  await page.goto('/users/example/no.such.person');
  await expectFits(page, 'person, not found');
});
