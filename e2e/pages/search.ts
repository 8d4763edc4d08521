import { expect, type Page } from '@playwright/test';

/** The people search at /users. */
export class SearchPage {
  constructor(private readonly page: Page) {}

  box() {
    return this.page.getByRole('searchbox', { name: 'Search users' });
  }

  table() {
    return this.page.getByRole('region', { name: /^Results/ }).getByRole('table');
  }

  /** Types a query and waits until the URL and the results reflect it. */
  async search(query: string) {
    await this.box().fill(query);
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(query).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(this.results(query)).toBeVisible();
  }

  results(query?: string) {
    return this.page.getByRole('region', { name: query ? `Results for “${query}”` : 'Results', exact: true });
  }

  personLink(name: string) {
    return this.table().getByRole('link', { name, exact: true });
  }

  async names(): Promise<string[]> {
    return this.table().locator('tbody tr td:first-child a').allTextContents();
  }
}
