/** Titles that name what a page shows, the skip link, and the portal's own page for unknown addresses. */
import { auditRows } from './audit-db';
import { users } from './emulator';
import { expect, test } from './fixtures';

const SUFFIX = ' · WorkMail Reset Portal';

test('each page’s title names what it shows: the query, the person, or that there is nothing', async ({ page, signedInAs, search }) => {
  await signedInAs('alice');
  await page.goto('/users');
  await expect(page).toHaveTitle(`People${SUFFIX}`);
  await search.search('jane');
  await expect(page).toHaveTitle(`“jane” · People${SUFFIX}`);
  // Reached by a click (after the link's prefetch), as well as by its address.
  await search.personLink('Jane Doe').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await expect(page).toHaveTitle(`Jane Doe${SUFFIX}`);
  await page.goto('/users/example/jane.doe');
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await expect(page).toHaveTitle(`Jane Doe${SUFFIX}`);
  await page.goto('/audit');
  await expect(page).toHaveTitle(`Audit log${SUFFIX}`);
  await page.goto('/sign-in');
  await expect(page).toHaveTitle(/WorkMail Reset Portal/);

  // Someone outside a lead's scope and no one at all get the same title: a tab cannot tell them apart.
  await signedInAs('bob');
  const maria = (await users()).find((u) => u.name === 'maria.garcia')!;
  for (const path of [`/users/example/${maria.id}`, '/users/example/no.such.person']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Not found, or not yours' })).toBeVisible();
    await expect(page).toHaveTitle(`Person${SUFFIX}`);
  }
});

test('a skip link is the first stop of the keyboard, and takes it to the page’s main content', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  await page.goto('/audit');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // The next Tab lands inside the page, past the banner's links and Sign out.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('an unknown address gets the portal’s own not-found page, with its navigation and a way back to People', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('alice');
  for (const path of ['/no-such-page', '/users/example', '/audit/nothing/here']) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(404);
    await expect(page).toHaveTitle(`Page not found${SUFFIX}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Signed in as Alice Admin');
    await expect(page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'People' })).toBeVisible();
    await expect(page.getByRole('banner')).toHaveCount(1);
  }
  // A page's own notFound() (no such wave) is the same page inside the same shell: one banner, one main.
  expect((await page.goto('/migrations/00000000-0000-0000-0000-000000000000'))!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
});

test('the no-access page first tells someone who came for their own password where to go, then how operators get access', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('dave');
  await page.goto('/no-access');
  const headings = await page.getByRole('main').getByRole('heading', { level: 2 }).allInnerTexts();
  expect(headings).toEqual(['Forgot your own password?', 'Need to reset other people’s passwords?']);
  // HELP_TEXT and HELP_URL, as playwright.config.ts sets them.
  await expect(page.getByRole('region', { name: 'Forgot your own password?' })).toContainText('Call the service desk on 1234.');
  await expect(page.getByRole('link', { name: 'Get help with your own password' })).toHaveAttribute(
    'href',
    'https://help.example.com/own-password',
  );
  expect(auditRows().findLast((r) => r.actor_email === 'dave@example.com')).toMatchObject({ type: 'access.denied', error_code: 'no-role' });
  // An unknown address is answered inside the portal's layout, which sends someone with no role here too.
  await page.goto('/no-such-page');
  await expect(page).toHaveURL(/\/no-access$/);
});
