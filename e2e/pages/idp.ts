import { expect, type Page } from '@playwright/test';

/** The local identity provider's sign-in page (emulators/oidc). */
export class IdpSignInPage {
  constructor(private readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByRole('heading', { name: 'Demo identity provider' })).toBeVisible();
  }

  /** RP-initiated logout's confirmation, after the portal's Sign out. */
  async confirmSignOut() {
    await this.page.getByRole('button', { name: 'Yes, sign me out' }).click();
  }

  async signIn(username: string, password = 'demo') {
    await this.expectShown();
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
