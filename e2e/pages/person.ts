import { expect, type Page } from '@playwright/test';

/** A person's page and its reset form. */
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

  resetButton() {
    return this.page.getByRole('button', { name: 'Reset password' });
  }

  meter() {
    return this.page.getByRole('meter', { name: 'Password strength' });
  }

  status() {
    return this.page.getByRole('status').filter({ hasText: 'Password reset for' });
  }

  alert() {
    return this.page.locator('main').getByRole('alert');
  }

  async fill(password: string, confirmation = password) {
    await this.newPassword().fill(password);
    await this.confirmPassword().fill(confirmation);
  }

  /** Fills both fields and submits once the checklist lets the button go. */
  async reset(password: string, reason?: string) {
    await this.fill(password);
    if (reason) await this.page.getByLabel('Reason or ticket').fill(reason);
    await expect(this.resetButton()).toBeEnabled();
    await this.resetButton().click();
  }
}
