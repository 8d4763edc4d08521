/** Finding people: admin search, a lead's nested scope, person pages and their reasons, call ceilings. */
import { calls, clearCalls, control, ORG_ID, users } from './emulator';
import { SUBSIDIARY_ORG_ID } from '../emulators/workmail/seed';
import { expect, test } from './fixtures';
import { openBeforeScripts } from './hold-scripts';

test.describe('an admin searches', () => {
  test('alice finds Jane Doe by first name, by last name and by email', async ({ page, portal, search }) => {
    await portal.signInAs('alice');
    for (const query of ['jane', 'doe', 'jane.doe@example.com']) {
      await search.search(query);
      await expect(search.personLink('Jane Doe')).toBeVisible();
    }
    await search.personLink('Jane Doe').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
    await expect(page.locator('.person-details').getByText('jane.doe@example.com').first()).toBeVisible();
  });

  test('the table has Name, Email and State columns, and the query lives in the URL', async ({ page, portal, search }) => {
    await portal.signInAs('alice', '/users?q=maria');
    await expect(page).toHaveURL(/\/users\?q=maria$/);
    for (const header of ['Name', 'Email', 'State']) await expect(page.getByRole('columnheader', { name: header })).toBeVisible();
    await expect(search.box()).toHaveValue('maria');
    expect(await search.names()).toEqual(['Maria Garcia']);
  });

  test('someone created since the index was built is found by prefix', async ({ portal, search }) => {
    await portal.signInAs('alice');
    await search.search('doe');
    await control('POST', '/__control/generate', { organization: 'example', users: 1 });
    const added = (await users()).at(-1)!;
    await search.search(added.name);
    await expect(search.table().getByText(added.email!)).toBeVisible();
  });

  test('results page through the whole organization, with no one twice and no one missed', async ({ page, portal, search }) => {
    await control('POST', '/__control/generate', { organization: 'example', users: 60 });
    await portal.signInAs('alice');
    // An admin with two organizations lists both, one after the other (lib/people/search-all.ts).
    const everyone = [...(await users()), ...(await users('subsidiary'))].map((u) => u.displayName).sort();
    const nav = page.getByRole('navigation', { name: 'Pages' });
    // No query: WorkMail's own paging, a cursor in the URL.
    await expect(search.table().getByRole('row')).toHaveCount(26);
    let current = await search.names();
    const seen = [...current];
    while ((await nav.getByRole('link', { name: 'Next page' }).count()) > 0) {
      const [previous, before] = [current, page.url()];
      await nav.getByRole('link', { name: 'Next page' }).click();
      await expect(page).not.toHaveURL(before);
      await expect.poll(async () => (current = await search.names()).length > 0 && current.join() !== previous.join()).toBe(true);
      seen.push(...current);
    }
    await expect(nav.getByRole('link', { name: 'First page' })).toBeVisible();
    expect(seen.sort()).toEqual(everyone);
  });

  test('query results page in the portal, with no one on two pages', async ({ page, portal, search }) => {
    // 600 generated people give 30 usernames starting "avery": more than a page from WorkMail's
    // own prefix filter alone, whatever the word index holds.
    await control('POST', '/__control/generate', { organization: 'example', users: 600 });
    await portal.signInAs('alice', '/users?q=avery');
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await expect(nav).toContainText(/Page 1 of [2-9]/);
    const first = await search.names();
    await nav.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(nav).toContainText('Page 2 of');
    let second: string[] = [];
    await expect.poll(async () => (second = await search.names()).length > 0 && second.join() !== first.join()).toBe(true);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((n) => first.includes(n))).toEqual([]);
  });

  test('an organization picker switches organizations', async ({ page, portal, search }) => {
    await portal.signInAs('alice');
    await page.getByLabel('Organization').selectOption('subsidiary');
    await expect(page).toHaveURL(/org=subsidiary/);
    await expect(search.personLink('Lena Fischer')).toBeVisible();
    await search.search('jane');
    await expect(search.results('jane').getByRole('status')).toContainText('No one matches “jane”');
  });

  test('an admin searches all organizations by default; each result names its own, and the picker narrows', async ({
    page,
    portal,
    search,
  }) => {
    await portal.signInAs('alice');
    await expect(page.getByLabel('Organization')).toHaveValue('');
    await clearCalls();
    await search.search('lena');
    const row = search
      .table()
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Lena Fischer', exact: true }) });
    await expect(row.getByRole('cell').nth(3)).toHaveText('subsidiary');
    await expect(search.table().getByRole('columnheader', { name: 'Organization' })).toBeVisible();
    // Both organizations were asked.
    const asked = (await calls()).filter((c) => c.operation === 'ListUsers').map((c) => c.input.OrganizationId);
    expect(new Set(asked)).toEqual(new Set([ORG_ID, SUBSIDIARY_ORG_ID]));
    await page.getByLabel('Organization').selectOption('example');
    await expect(page).toHaveURL(/org=example/);
    await expect(search.results('lena').getByRole('status')).toContainText('No one matches “lena”');
    await page.getByLabel('Organization').selectOption('All organizations');
    await expect(page).not.toHaveURL(/org=/);
    await expect(search.personLink('Lena Fischer')).toBeVisible();
  });

  test('rows link the reset itself for people you may reset, and say why not for the others', async ({ page, portal, search }) => {
    await portal.signInAs('alice');
    await search.search('sam');
    const sam = search
      .table()
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Sam Lee', exact: true }) });
    await expect(sam.getByRole('link', { name: /^Reset password/ })).toHaveCount(0);
    await expect(sam).toContainText('disabled');
    await search.search('jane');
    const reset = search
      .table()
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Jane Doe', exact: true }) })
      .getByRole('link', { name: 'Reset password' });
    await expect(reset).toHaveAccessibleDescription('Jane Doe');
    await reset.click();
    const jane = (await users()).find((u) => u.name === 'jane.doe')!;
    await expect(page).toHaveURL(new RegExp(`/users/example/${jane.id}#reset-heading$`));
    await expect(page.getByRole('region', { name: 'Reset password' }).getByRole('button', { name: 'Generate password' })).toBeVisible();
  });

  test('screen readers hear the new count: one polite live region, kept on the page across searches', async ({ page, portal, search }) => {
    await portal.signInAs('alice');
    await search.search('maria');
    const live = page.getByRole('status').filter({ hasText: '1 person matches “maria” in all organizations' });
    await expect(live).toHaveAttribute('aria-live', 'polite');
    const region = await live.elementHandle();
    await search.search('doe');
    // The same element, still in the page, now says the new count.
    await expect.poll(() => region!.evaluate((el) => el.isConnected && el.textContent)).toMatch(/match(es)? “doe”/);
    await search.search('nobody-at-all');
    await expect.poll(() => region!.evaluate((el) => el.textContent)).toBe('No one matches “nobody-at-all”.');
  });

  test('while a slow search is in flight the loading rows show, not the previous results under the new query', async ({
    page,
    portal,
    search,
  }) => {
    await portal.signInAs('alice', '/users?q=jane');
    await expect(search.personLink('Jane Doe')).toBeVisible();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await page.route(
      (url) => url.pathname === '/users' && url.searchParams.get('q') === 'maria',
      async (route) => {
        asked = true;
        await held;
        await route.continue();
      },
    );
    await clearCalls();
    await search.box().fill('maria');
    await expect.poll(() => asked).toBe(true);
    await expect(page.getByText('Loading people…')).toBeVisible();
    await expect(search.personLink('Jane Doe')).toBeHidden();
    // Held in the browser: the directory has not been asked yet.
    const searches = async () => (await calls()).filter((c) => c.operation === 'ListUsers' && c.input.Filters);
    expect(await searches()).toEqual([]);
    release();
    await expect(search.personLink('Maria Garcia')).toBeVisible();
    await expect(page.getByText('Loading people…')).toHaveCount(0);
    expect((await searches()).length).toBeGreaterThan(0);
  });

  test('one organization failing does not hide the other’s matches', async ({ portal, search }) => {
    await control('POST', '/__control/organizations/example/state', { state: 'Inactive' });
    await portal.signInAs('alice');
    await search.search('lena');
    await expect(search.personLink('Lena Fischer')).toBeVisible();
    await expect(search.results('lena').getByRole('alert')).toContainText('This WorkMail organization is not active right now.');
  });

  test('an organization that is not active shows the mapped error, not the AWS message', async ({ portal, search }) => {
    await control('POST', '/__control/organizations/example/state', { state: 'Inactive' });
    await portal.signInAs('alice');
    await search.search('jane');
    const alert = search.results('jane').getByRole('alert');
    await expect(alert).toContainText('This WorkMail organization is not active right now.');
    await expect(alert).not.toContainText('OrganizationStateException');
    await expect(alert).not.toContainText('Inactive');
  });

  test('a search makes no more WorkMail calls than the design needs', async ({ portal, search }) => {
    await portal.signInAs('alice');
    await search.search('john');
    await expect(search.personLink('John Smith')).toBeVisible();
    // The portal's background warm-up (lib/people/warm-up.ts) calls the directory now and then,
    // which can land inside the measured search: a disturbed search is measured again.
    let query = 'jane';
    await expect(async () => {
      query = query === 'jane' ? 'priya' : 'jane';
      await clearCalls();
      await search.search(query);
      await expect(search.personLink(query === 'jane' ? 'Jane Doe' : 'Priya Patel')).toBeVisible();
      const made = await calls();
      // The index is built, so a plain word needs only the live username prefix (decision 005),
      // once in each of alice's two organizations (she searches both by default);
      // no exact lookup for something that is neither an email nor an id.
      const listed = made.filter((c) => c.operation === 'ListUsers');
      expect(listed.map((c) => c.input.OrganizationId).sort()).toEqual([ORG_ID, SUBSIDIARY_ORG_ID].sort());
      expect(made).toHaveLength(2);
    }).toPass({ timeout: 20_000 });
  });
});

test.describe('a team lead searches inside their scope', () => {
  test('bob finds priya.patel through the nested platform group, but not maria.garcia', async ({ portal, search }) => {
    await portal.signInAs('bob');
    await search.search('priya');
    await expect(search.personLink('Priya Patel')).toBeVisible();
    await search.search('maria');
    await expect(search.results('maria').getByRole('status')).toHaveText('No one matches “maria” among the people you manage.');
  });

  test("bob's direct URL to maria's page is the same not-found page as an unknown person", async ({ page, portal }) => {
    await portal.signInAs('bob');
    const maria = (await users()).find((u) => u.name === 'maria.garcia')!;
    for (const path of [`/users/example/${maria.id}`, '/users/example/maria.garcia@example.com', '/users/example/no.such.person']) {
      const response = await page.goto(path);
      expect(response!.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not found, or not yours' })).toBeVisible();
      await expect(page.getByText('Maria')).toHaveCount(0);
    }
  });

  test('carol sees only the sales team', async ({ portal, search }) => {
    await portal.signInAs('carol');
    await expect(search.table()).toBeVisible();
    const names = await search.names();
    expect(names).toEqual(expect.arrayContaining(['Maria Garcia', 'Tom Brown']));
    expect(names).not.toContain('Jane Doe');
    expect(names).not.toContain('Priya Patel');
    const sales = (await users()).filter((u) => ['maria.garcia', 'tom.brown', 'carol'].includes(u.name));
    expect(names.length).toBeGreaterThanOrEqual(sales.length);
  });

  test('a lead search is served from the cached scope: a repeat search calls WorkMail at most for the index', async ({
    portal,
    search,
  }) => {
    await portal.signInAs('bob');
    await search.search('jane');
    await expect(search.personLink('Jane Doe')).toBeVisible();
    await clearCalls();
    await search.search('john');
    await expect(search.personLink('John Smith')).toBeVisible();
    expect((await calls()).filter((c) => c.operation !== 'ListUsers' || c.input.Filters)).toEqual([]);
  });
});

test.describe('person pages say why not, before anyone types a password', () => {
  for (const [username, who, reason] of [
    ['sam.lee', 'alice', 'This mailbox is disabled.'],
    ['conf.room.1', 'alice', 'This is a resource mailbox'],
    ['journal', 'alice', 'This is a system mailbox'],
    ['ivy.center', 'alice', 'IAM Identity Center'],
    ['erin.exec', 'bob', 'protected group: only an admin can reset them'],
    ['bob', 'bob', 'You cannot reset your own mailbox here.'],
  ] as const) {
    test(`${who} on ${username}'s page`, async ({ page, portal }) => {
      await portal.signInAs(who, `/users/example/${username}`);
      await expect(page.getByRole('region', { name: 'Reset password' })).toContainText(reason);
      await expect(page.getByRole('region', { name: 'Reset password' })).toContainText('You cannot reset this password.');
    });
  }

  test('alice can reset Jane Doe, found by email in the URL, with the canonical id link', async ({ page, portal }) => {
    await portal.signInAs('alice', '/users/example/jane.doe@example.com');
    await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Reset password' }).getByRole('button', { name: 'Generate password' })).toBeVisible();
    const jane = (await users()).find((u) => u.name === 'jane.doe')!;
    await expect(page.getByRole('link', { name: `/users/example/${jane.id}` })).toBeVisible();
    await expect(page.getByText('engineering')).toBeVisible();
  });

  test('bob sees priya.patel with both her groups and can reset her', async ({ page, portal }) => {
    await portal.signInAs('bob', '/users/example/priya.patel');
    await expect(page.getByRole('heading', { level: 1, name: 'Priya Patel' })).toBeVisible();
    await expect(page.getByText('engineering, platform')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Reset password' }).getByRole('button', { name: 'Generate password' })).toBeVisible();
  });
});

test('a query typed before the page’s script has run is still searched for', async ({ page, signedInAs, search }) => {
  await signedInAs('alice');
  const release = await openBeforeScripts(page, '/users');
  await search.box().fill('doe');
  release();
  await expect(page).toHaveURL(/[?&]q=doe/);
  await expect(search.personLink('Jane Doe')).toBeVisible();
});

test('an organization chosen before the page’s script has run is still switched to', async ({ page, signedInAs, search }) => {
  await signedInAs('alice');
  const release = await openBeforeScripts(page, '/users');
  await page.getByLabel('Organization').selectOption('subsidiary');
  release();
  await expect(page).toHaveURL(/org=subsidiary/);
  await expect(search.personLink('Lena Fischer')).toBeVisible();
});
