import type { Page } from '@playwright/test';

/**
 * Opens `path` with the page's scripts held back, as on a slow phone: the HTML is there and can be
 * typed into, but React has not hydrated it. Call the returned function to let the scripts load.
 */
export async function openBeforeScripts(page: Page, path: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(path, { waitUntil: 'commit' });
  return release;
}
