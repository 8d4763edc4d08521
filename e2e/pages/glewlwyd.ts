import { expect, type Page } from '@playwright/test';
import { GLEWLWYD_PASSWORD } from '../../scripts/lib/glewlwyd';

/** Glewlwyd's own login, consent-continue and end-session pages (scripts/ensure-glewlwyd.ts). */
export class GlewlwydPage {
  constructor(private readonly page: Page) {}

  async expectShown() {
    // Glewlwyd's login page is a single-page app that loads a dozen scripts first ("Loading...").
    await expect(this.page.getByRole('heading', { name: 'Please enter your login and password' })).toBeVisible({ timeout: 20_000 });
  }

  async signIn(username: string, password = GLEWLWYD_PASSWORD) {
    await this.expectShown();
    await this.page.getByRole('textbox', { name: 'Login' }).fill(username);
    await this.page.getByRole('textbox', { name: 'Password' }).fill(password);
    await this.page.getByRole('button', { name: 'OK' }).click();
    // The scopes were granted by the setup, so Glewlwyd asks only whether to continue.
    await this.page.getByRole('button', { name: /Continue/ }).click();
  }
}
