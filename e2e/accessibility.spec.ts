/** axe-core on every page in its idle, error and success states, light and dark; the reset by keyboard alone. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { fault, users, verifyPassword } from './emulator';
import { expect, test } from './fixtures';
import { PersonPage } from './pages/person';

async function expectNoViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    label,
  ).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    test('sign-in and search pages have no axe violations', async ({ page, signedInAs }) => {
      await page.goto('/sign-in');
      await expectNoViolations(page, 'sign-in');
      await page.goto('/sign-in?error=OAuthCallback');
      await expectNoViolations(page, 'sign-in with an error');
      await signedInAs('alice');
      await page.goto('/users?q=jane');
      await expect(page.getByRole('table')).toBeVisible();
      await expectNoViolations(page, 'search results');
      await page.goto('/users?q=nobody-at-all');
      await expect(page.getByRole('region', { name: /Results/ }).getByRole('status')).toBeVisible();
      await expectNoViolations(page, 'search, empty');
    });

    test('the audit log has no axe violations, with an event opened and with a bad filter', async ({ page, signedInAs }) => {
      await signedInAs('alice');
      await page.goto('/audit');
      await expect(page.getByRole('table')).toBeVisible();
      await page.getByRole('table').locator('tbody tr').first().getByText('More').click();
      await expectNoViolations(page, 'audit log');
      await page.goto('/audit?from=not-a-date');
      await expect(page.locator('main').getByRole('alert')).toBeVisible();
      await expectNoViolations(page, 'audit log, bad filter');
    });

    test('the person page has no axe violations idle, in error and after success', async ({ page, signedInAs }) => {
      await signedInAs('alice');
      const person = new PersonPage(page);
      await person.open('example', colorScheme === 'light' ? 'chloe.haddad' : 'zoe.andersen');
      await expectNoViolations(page, 'person, idle');
      await person.fill('Tundra-Pepper-Violin-35');
      await expect(person.meter()).toHaveAttribute('aria-valuetext', /strong/i);
      await expectNoViolations(page, 'person, typing');
      await fault({ operation: 'ResetPassword', error: 'DirectoryUnavailableException', times: 1 });
      await person.resetButton().click();
      await expect(person.alert()).toBeVisible();
      await expectNoViolations(page, 'person, error');
      await person.reset('Tundra-Pepper-Violin-35');
      await expect(person.status()).toBeVisible();
      await expectNoViolations(page, 'person, success');
      await page.goto('/users/example/sam.lee');
      await expectNoViolations(page, 'person, not resettable');
    });
  });
}

test('the whole reset works with the keyboard alone', async ({ page, signedInAs }) => {
  const password = 'Kettle-Saffron-Gopher-47';
  await signedInAs('alice');
  await page.goto('/users');
  const box = page.getByRole('searchbox', { name: 'Search users' });
  await box.focus();
  await page.keyboard.type('grace');
  const link = page.getByRole('link', { name: 'Grace Mbeki' });
  await expect(link).toBeVisible();
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Grace Mbeki' })).toBeVisible();

  await page.getByLabel('New password').focus();
  await page.keyboard.type(password);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Confirm password')).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Tab');
  const show = page.getByRole('button', { name: 'Show password' });
  await expect(show).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(show).toHaveAttribute('aria-pressed', 'true');
  const reset = page.getByRole('button', { name: 'Reset password' });
  await expect(reset).toBeEnabled();
  for (let i = 0; i < 10; i++) {
    if (await reset.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(reset).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Password reset for Grace Mbeki' })).toBeVisible();
  const grace = (await users()).find((u) => u.name === 'grace.mbeki')!;
  expect(await verifyPassword(grace.id, password)).toBe(true);
});
