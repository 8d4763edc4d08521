/**
 * axe-core on every page in its idle, error and success states, each state checked in the light and
 * the dark colour scheme; the reset by keyboard alone.
 */
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { fault, users, verifyPassword } from './emulator';
import { expect, test } from './fixtures';
import { AuditPage } from './pages/audit';
import { PersonPage } from './pages/person';

test.use({ colorScheme: 'light' });

test('sign-in and search pages have no axe violations', async ({ page, signedInAs }) => {
  await page.goto('/sign-in');
  await expectNoAxeViolations(page, 'sign-in');
  await page.goto('/sign-in?error=OAuthCallback');
  await expectNoAxeViolations(page, 'sign-in with an error');
  await signedInAs('alice');
  await page.goto('/users?q=jane');
  await expect(page.getByRole('table')).toBeVisible();
  await expectNoAxeViolations(page, 'search results');
  await page.goto('/users?q=nobody-at-all');
  await expect(page.getByRole('region', { name: /Results/ }).getByRole('status')).toBeVisible();
  await expectNoAxeViolations(page, 'search, empty');
});

test('the audit log has no axe violations, with an event opened and with a bad filter', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const audit = new AuditPage(page);
  await page.goto('/audit');
  await expect(audit.table()).toBeVisible();
  await audit.openFirstEvent();
  await expectNoAxeViolations(page, 'audit log');
  await page.goto('/audit?from=not-a-date');
  await expect(page.locator('main').getByRole('alert')).toBeVisible();
  await expectNoAxeViolations(page, 'audit log, bad filter');
});

test('the person page has no axe violations idle, blocked, confirming, in error and after success', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'chloe.haddad');
  await expectNoAxeViolations(page, 'person, idle');
  await person.resetButton().click();
  await expect(person.errorSummary()).toBeFocused();
  await expectNoAxeViolations(page, 'person, blocked');
  await person.fill('Tundra-Pepper-Violin-35');
  await expect(person.meter()).toHaveAttribute('aria-valuetext', /strong/i);
  await expectNoAxeViolations(page, 'person, typing');
  await person.resetButton().click();
  await expect(person.dialog()).toBeVisible();
  await expectNoAxeViolations(page, 'person, confirmation dialog');
  await person.cancelButton().click();
  await fault({ operation: 'ResetPassword', error: 'DirectoryUnavailableException', times: 1 });
  await person.submit();
  await expect(person.alert()).toBeVisible();
  await expectNoAxeViolations(page, 'person, error');
  await person.reset('Tundra-Pepper-Violin-35');
  await expect(person.status()).toBeVisible();
  await expectNoAxeViolations(page, 'person, success');
  await page.goto('/users/example/sam.lee');
  await expectNoAxeViolations(page, 'person, not resettable');
});

test('the generated reset’s dialog and result have no axe violations', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'zoe.andersen');
  await person.generateButton().click();
  await person.expectReady();
  await person.resetButton().click();
  await expect(person.dialog()).toBeVisible();
  await expectNoAxeViolations(page, 'generated, confirmation dialog');
  await person.confirmButton().click();
  await expect(person.resultHeading()).toBeFocused();
  await expectNoAxeViolations(page, 'generated, result with the password shown once');
});

// At a desktop's size and on a phone (issue 16): the same keys reach the same controls.
for (const { size, viewport, username, name, query } of [
  { size: 'at desktop size', viewport: undefined, username: 'grace.mbeki', name: 'Grace Mbeki', query: 'grace' },
  {
    size: 'on a phone (375×812)',
    viewport: { width: 375, height: 812 },
    username: 'elijah.brooks',
    name: 'Elijah Brooks',
    query: 'elijah',
  },
]) {
  test.describe(size, () => {
    if (viewport) test.use({ viewport });

    test('the whole reset works with the keyboard alone', async ({ page, signedInAs }) => {
      const password = 'Kettle-Saffron-Gopher-47';
      await signedInAs('alice');
      await page.goto('/users');
      const box = page.getByRole('searchbox', { name: 'Search users' });
      await box.focus();
      await page.keyboard.type(query);
      const link = page.getByRole('link', { name, exact: true });
      await expect(link).toBeVisible();
      await link.focus();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

      // Generator first: Tab from the page's start reaches "Generate password" before any field.
      const generate = page.getByRole('button', { name: 'Generate password' });
      const setMyself = page.getByRole('button', { name: 'Set a password myself' });
      await tabTo(page, setMyself);
      await page.keyboard.press('Enter');
      await expect(page.getByLabel('New password', { exact: true })).toBeFocused();
      await page.keyboard.type(password);
      await page.keyboard.press('Tab');
      await expect(page.getByLabel('Confirm password')).toBeFocused();
      await page.keyboard.type(password);
      await page.keyboard.press('Tab');
      const show = page.getByRole('button', { name: 'Show password' });
      await expect(show).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('button', { name: 'Hide password' })).toHaveAttribute('aria-pressed', 'true');
      await expect(generate).toBeVisible();
      const reset = page.getByRole('button', { name: 'Reset password' });
      await expect(reset).toBeEnabled();
      await tabTo(page, reset);
      await page.keyboard.press('Enter');
      // The dialog holds the focus (Cancel first); Escape closes it and the focus is back on Reset password.
      const dialog = page.getByRole('dialog', { name: `Reset the password of ${name}?` });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        expect(await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
      }
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(reset).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await expect(dialog.getByRole('button', { name: 'Confirm reset' })).toBeFocused();
      await page.keyboard.press('Enter');
      const result = page.getByRole('status').filter({ hasText: `Password reset for ${name}` });
      await expect(result).toBeVisible();
      await expect(result.getByRole('heading', { name: new RegExp(`^Password reset for ${name}`) })).toBeFocused();
      await tabTo(page, result.getByRole('button', { name: 'Copy password' }));
      await tabTo(page, result.getByRole('link', { name: 'Reset someone else' }));
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/users$/);
      const person = (await users()).find((u) => u.name === username)!;
      expect(await verifyPassword(person.id, password)).toBe(true);
    });
  });
}

/** Presses Tab until `target` has the focus (at most 20 times). */
async function tabTo(page: Page, target: import('@playwright/test').Locator) {
  for (let i = 0; i < 20; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}
