import { expect, type Page } from '@playwright/test';

/** The audit log page: filters, the table, pages and the CSV export. */
export class AuditPage {
  constructor(private readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/audit${query}`);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  }

  table() {
    return this.page.getByRole('table');
  }

  /** The body rows of the table (the header row left out). */
  rows() {
    return this.table().locator('tbody tr');
  }

  /** Opens the first row's details (its More button). */
  async openFirstEvent() {
    await this.rows().first().getByText('More').click();
  }

  /** One column's text in every row, by its header's position (a lead's table has no Operator column). */
  async column(name: 'Time' | 'Operator' | 'Person' | 'Outcome'): Promise<string[]> {
    const headers = await this.table().locator('thead th').allInnerTexts();
    const index = headers.indexOf(name) + 1;
    if (index === 0) throw new Error(`no ${name} column`);
    return this.table().locator(`tbody tr td:nth-child(${index})`).allInnerTexts();
  }

  async filter(values: { operator?: string; person?: string; outcome?: string; from?: string; to?: string }) {
    if (values.operator !== undefined) await this.page.getByLabel('Operator').fill(values.operator);
    if (values.person !== undefined) await this.page.getByLabel('Person').fill(values.person);
    if (values.outcome !== undefined) await this.page.getByLabel('Outcome').selectOption(values.outcome);
    if (values.from !== undefined) await this.page.getByLabel('From (UTC)').fill(values.from);
    if (values.to !== undefined) await this.page.getByLabel('To (UTC)').fill(values.to);
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
  }

  exportLink() {
    return this.page.getByRole('link', { name: 'Export CSV' });
  }

  pages() {
    return this.page.getByRole('navigation', { name: 'Pages' });
  }
}
