import { expect, type Page } from '@playwright/test';

/** A person's page and its reset form: generator first, then a confirmation dialog (docs/architecture.md, "The UI contract"). */
export class PersonPage {
  constructor(private readonly page: Page) {}

  async open(alias: string, user: string) {
    await this.page.goto(`/users/${alias}/${user}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  newPassword() {
    // Exact: the "Require a password change at next sign-in" checkbox's name contains these words too.
    return this.page.getByLabel('New password', { exact: true });
  }

  confirmPassword() {
    return this.page.getByLabel('Confirm password');
  }

  generateButton() {
    return this.page.getByRole('button', { name: 'Generate password' });
  }

  setMyselfButton() {
    return this.page.getByRole('button', { name: 'Set a password myself' });
  }

  resetButton() {
    return this.page.getByRole('button', { name: 'Reset password' });
  }

  meter() {
    return this.page.getByRole('meter', { name: 'Password strength' });
  }

  rules() {
    return this.page.getByRole('list', { name: 'Password rules' });
  }

  dialog() {
    return this.page.getByRole('dialog', { name: /^Reset the password of/ });
  }

  confirmButton() {
    return this.dialog().getByRole('button', { name: 'Confirm reset' });
  }

  cancelButton() {
    return this.dialog().getByRole('button', { name: 'Cancel' });
  }

  errorSummary() {
    return this.page.locator('.error-summary');
  }

  status() {
    return this.page.getByRole('status').filter({ hasText: 'Password reset for' });
  }

  /** The result's heading, where focus lands after a reset. */
  resultHeading() {
    return this.status().getByRole('heading', { name: /^Password reset for/ });
  }

  alert() {
    return this.page.locator('main').getByRole('alert');
  }

  /** Opens the typed-password fields (if they are not open yet) and fills them. */
  async fill(password: string, confirmation = password) {
    // A press before the page's script has run does nothing (the fields need it): press until they are there.
    await expect(async () => {
      if (await this.setMyselfButton().isVisible()) await this.setMyselfButton().click({ timeout: 2_000 });
      await expect(this.newPassword()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await this.newPassword().fill(password);
    await this.confirmPassword().fill(confirmation);
  }

  /** Waits until every rule shows as met, as the operator would before pressing Reset. */
  async expectReady() {
    await expect(this.rules()).toBeVisible();
    await expect(this.rules()).not.toContainText('(not met)');
  }

  /** Presses Reset password with a rule unmet: no dialog, the summary takes the focus and names each rule. */
  async expectBlocked(...named: Array<string | RegExp>) {
    await this.resetButton().click();
    await expect(this.errorSummary()).toBeFocused();
    for (const rule of named) await expect(this.errorSummary()).toContainText(rule);
    await expect(this.dialog()).toHaveCount(0);
  }

  /** Reset password, then Confirm reset in the dialog (the form as it stands, once its rules are met). */
  async submit() {
    // The strength is rated off the main thread: wait for the rules, as the operator would.
    if ((await this.rules().count()) > 0) await this.expectReady();
    await this.resetButton().click();
    await expect(this.dialog()).toBeVisible();
    await this.confirmButton().click();
  }

  /** Fills both fields and submits through the dialog once the checklist lets it go. */
  async reset(password: string, reason?: string) {
    await this.fill(password);
    if (reason) await this.page.getByLabel('Reason or ticket').fill(reason);
    await this.expectReady();
    await this.submit();
  }
}
