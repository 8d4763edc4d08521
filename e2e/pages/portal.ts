import { expect, type Page } from '@playwright/test';
import { IdpSignInPage } from './idp';

/** The portal's sign-in page and shell. */
export class Portal {
  readonly idp: IdpSignInPage;

  constructor(private readonly page: Page) {
    this.idp = new IdpSignInPage(page);
  }

  signInButton() {
    return this.page.getByRole('button', { name: /^Sign in/ });
  }

  signOutButton() {
    return this.page.getByRole('button', { name: 'Sign out' });
  }

  /** Opens `path` signed out, goes through the portal's and the IdP's sign-in, and lands back. */
  async signInAs(username: string, path = '/users') {
    await this.page.goto(path);
    await expect(this.page).toHaveURL(/\/sign-in/);
    await this.signInButton().click();
    await this.idp.signIn(username);
  }

  async expectSignedInAs(name: string, role: RegExp | string) {
    await expect(this.page.getByRole('banner')).toContainText(`Signed in as ${name}`);
    await expect(this.page.getByRole('banner')).toContainText(role);
    await expect(this.signOutButton()).toBeVisible();
  }
}
