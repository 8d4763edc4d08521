/**
 * axe-core on the page as it is now, in the light and then the dark colour scheme, changed in
 * place (the portal's styles are media queries with no transitions). Only colours differ between
 * the schemes, so the dark pass runs the rules that read colours (contrast, links told apart by
 * colour); every other rule sees the same page twice. Leaves the page in the light scheme.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

export async function expectNoAxeViolations(page: Page, label: string, options: { targetSize?: boolean } = {}) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    let builder = new AxeBuilder({ page });
    // target-size (WCAG 2.2 2.5.8, 24 px) is off in axe by default: on where fingers are.
    if (colorScheme === 'light' && options.targetSize) builder = builder.options({ rules: { 'target-size': { enabled: true } } });
    if (colorScheme === 'dark') builder = builder.withRules(COLOUR_RULES);
    const { violations } = await builder.analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${label} (${colorScheme})`,
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
