import { expect, type BrowserContext, type Page } from '@playwright/test';
import { SESSION_COOKIE_PATTERN } from '../../lib/auth/session-cookie';
import { IdpSignInPage } from './idp';

/** The portal's session cookies in the browser (every name and chunk it may carry): none after Sign out. */
export const sessionCookies = async (context: BrowserContext) =>
  (await context.cookies()).filter((c) => SESSION_COOKIE_PATTERN.test(c.name));

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
