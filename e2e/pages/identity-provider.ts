import type { Page } from '@playwright/test';
import { GlewlwydPage } from './glewlwyd';
import { IdpSignInPage } from './idp';

/** An identity provider's pages as the sign-in tests drive them, whichever provider it is. */
export interface IdentityProviderPages {
  expectShown(): Promise<void>;
  signIn(username: string): Promise<void>;
}

export const identityProviderPages = (kind: 'bundled' | 'glewlwyd', page: Page): IdentityProviderPages =>
  kind === 'bundled' ? new IdpSignInPage(page) : new GlewlwydPage(page);
