/**
 * Step-up before a reset (lib/auth/step-up.ts): on a portal with REAUTH_MAX_AGE_MINUTES=15 and an
 * identity provider of its own, alice signs in with an auth_time 20 minutes old (the IdP's control
 * API back-dates it). The person page asks her to confirm it's her; signing in again at the IdP
 * (prompt=login) brings her back to the same page, able to reset. A POST with the old session is
 * refused, audited, and never reaches WorkMail, even after she has signed in again elsewhere.
 */
import { test as base, expect } from './fixtures';
import { control, verifyPassword } from './emulator';
import { extraPort } from './env';
import { ownAuditRows, ownIdp, startOwnPortal, stopOwnPortal, type OwnPortal } from './own-portal';
import { Portal } from './pages/portal';
import { PersonPage } from './pages/person';

const test = base.extend<object, { stepUpPortal: OwnPortal }>({
  stepUpPortal: [
    async ({}, use) => {
      const own = await startOwnPortal({ app: extraPort(12), oidc: extraPort(13) }, () => ({ REAUTH_MAX_AGE_MINUTES: '15' }));
      await use(own);
      await stopOwnPortal(own);
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

test.describe.configure({ timeout: 60_000 });

const resetCalls = async () => (await control<{ calls: unknown[] }>('GET', '/__control/calls?operation=ResetPassword')).calls;
const janeId = async () => {
  const state = await control<{ organizations: Array<{ alias: string; users: Array<{ id: string; name: string }> }> }>(
    'GET',
    '/__control/state',
  );
  return state.organizations.find((o) => o.alias === 'example')!.users.find((u) => u.name === 'jane.doe')!.id;
};

test.describe('a sign-in older than REAUTH_MAX_AGE_MINUTES', () => {
  test.beforeEach(async ({ page, stepUpPortal }) => {
    await ownIdp(stepUpPortal, '/__control/reset');
    // alice's next sign-in happened 20 minutes ago, as far as the IdP's auth_time says.
    await ownIdp(stepUpPortal, '/__control/accounts/alice/auth-time', { ageSeconds: 20 * 60 });
    await page.goto(`${stepUpPortal.url}/users`);
    await new Portal(page).signInButton().click();
    await new Portal(page).idp.signIn('alice');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test('an old sign-in is asked to confirm, signs in again at the IdP, comes back to the same person, and can reset', async ({
    page,
    stepUpPortal,
  }) => {
    const person = new PersonPage(page);
    await page.goto(`${stepUpPortal.url}/users/example/jane.doe`);
    await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
    const personUrl = page.url();

    await page.getByRole('button', { name: 'Sign in again' }).click();
    // prompt=login: the IdP asks for the password although its session is live.
    await new Portal(page).idp.signIn('alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
    expect(page.url()).toBe(personUrl);
    await expect(page.getByRole('heading', { name: "Confirm it's you" })).toHaveCount(0);

    await person.reset('Harbor-Quartz-Pelican-41');
    await expect(person.status()).toContainText('Password reset for Jane Doe');
    expect(await verifyPassword(await janeId(), 'Harbor-Quartz-Pelican-41')).toBe(true);
  });

  test('a POST with the old session is refused and audited, before and after signing in again', async ({ page, stepUpPortal }) => {
    const person = new PersonPage(page);
    const stale = await page.context().cookies();
    await page.goto(`${stepUpPortal.url}/users/example/jane.doe`);
    const before = ownAuditRows(stepUpPortal).filter((r) => r.error_code === 'step-up-stale').length;

    // The form is there; the server, not the page, refuses.
    await person.reset('Harbor-Quartz-Pelican-42');
    await expect(page.getByRole('button', { name: 'Sign in again' }).first()).toBeVisible();
    await expect(person.status()).toHaveCount(0);

    // Signed in afresh, then the old cookie put back: the POST carries the stale session again.
    await page.getByRole('button', { name: 'Sign in again' }).first().click();
    await new Portal(page).idp.signIn('alice');
    await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
    await page.context().clearCookies();
    await page.context().addCookies(stale);
    await person.reset('Harbor-Quartz-Pelican-43');
    await expect(page.getByRole('button', { name: 'Sign in again' }).first()).toBeVisible();
    await expect(person.status()).toHaveCount(0);

    expect(await resetCalls()).toHaveLength(0);
    const jane = await janeId();
    expect(await verifyPassword(jane, 'Harbor-Quartz-Pelican-42')).toBe(false);
    expect(await verifyPassword(jane, 'Harbor-Quartz-Pelican-43')).toBe(false);
    const refusals = ownAuditRows(stepUpPortal).filter((r) => r.error_code === 'step-up-stale');
    expect(refusals.length - before).toBe(2);
    expect(refusals.at(-1)).toMatchObject({ type: 'access.denied', outcome: 'denied', actor_email: 'alice@example.com' });
  });
});

/** REQUIRED_AMR=mfa: a password-only sign-in is asked for a second factor; the local IdP's demo code satisfies it. */
const mfaTest = base.extend<object, { mfaPortal: OwnPortal }>({
  mfaPortal: [
    async ({}, use) => {
      const own = await startOwnPortal({ app: extraPort(14), oidc: extraPort(15) }, () => ({ REQUIRED_AMR: 'mfa' }));
      await use(own);
      await stopOwnPortal(own);
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

mfaTest('REQUIRED_AMR=mfa: a password-only sign-in must confirm with the second factor, then can reset', async ({ page, mfaPortal }) => {
  await ownIdp(mfaPortal, '/__control/reset');
  await page.goto(`${mfaPortal.url}/users`);
  await new Portal(page).signInButton().click();
  await new Portal(page).idp.signIn('alice');
  await page.goto(`${mfaPortal.url}/users/example/john.smith`);
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  await expect(page.getByText('needs a sign-in with a second factor')).toBeVisible();

  await ownIdp(mfaPortal, '/__control/accounts/alice/mfa', { enrolled: true });
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await new Portal(page).idp.signIn('alice');
  await page.getByLabel('One-time code').fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'John Smith' })).toBeVisible();
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toHaveCount(0);

  const person = new PersonPage(page);
  await person.reset('Harbor-Quartz-Pelican-44');
  await expect(person.status()).toContainText('Password reset for John Smith');
  const state = await control<{ organizations: Array<{ alias: string; users: Array<{ id: string; name: string }> }> }>(
    'GET',
    '/__control/state',
  );
  const john = state.organizations.find((o) => o.alias === 'example')!.users.find((u) => u.name === 'john.smith')!.id;
  expect(await verifyPassword(john, 'Harbor-Quartz-Pelican-44')).toBe(true);
});

test('a migration wave step with an old sign-in: asked to confirm first, and a press anyway is refused, audited, and changes nothing', async ({
  page,
  stepUpPortal,
}) => {
  await ownIdp(stepUpPortal, '/__control/reset');
  await page.goto(`${stepUpPortal.url}/users`);
  await new Portal(page).signInButton().click();
  await new Portal(page).idp.signIn('alice');
  await page.goto(`${stepUpPortal.url}/migrations`);
  await page.getByLabel('Wave name').fill('Step-up wave');
  await page.getByLabel('Or usernames or emails').fill('tom.brown');
  await page.getByRole('button', { name: 'Preview wave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Step-up wave' })).toBeVisible();
  // A fresh sign-in: no question, and the Cancel button is there.
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toHaveCount(0);

  // The same session, 20 minutes later as far as the sign-in's age goes: sign in again with a back-dated auth_time.
  await ownIdp(stepUpPortal, '/__control/accounts/alice/auth-time', { ageSeconds: 20 * 60 });
  const wave = page.url();
  await page.context().clearCookies();
  await page.goto(`${stepUpPortal.url}/users`);
  await new Portal(page).signInButton().click();
  await new Portal(page).idp.signIn('alice');
  await page.goto(wave);
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  const before = ownAuditRows(stepUpPortal).filter((r) => r.error_code === 'step-up-stale').length;
  await page.getByRole('button', { name: 'Cancel wave' }).click();
  await expect(page).toHaveURL(/refused=step-up/);
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  await expect(page.locator('main')).toContainText('Awaiting approval');
  expect(ownAuditRows(stepUpPortal).filter((r) => r.error_code === 'step-up-stale').length).toBe(before + 1);
  expect(ownAuditRows(stepUpPortal).filter((r) => r.type === 'wave.cancelled')).toEqual([]);
});

test('the wave CSV with an old sign-in: asked to confirm first, a download anyway is refused and audited, and the one download is kept', async ({
  page,
  stepUpPortal,
}) => {
  const signIn = async (username: string, ageSeconds = 0) => {
    await page.context().clearCookies();
    if (ageSeconds) await ownIdp(stepUpPortal, `/__control/accounts/${username}/auth-time`, { ageSeconds });
    await page.goto(`${stepUpPortal.url}/users`);
    await new Portal(page).signInButton().click();
    await new Portal(page).idp.signIn(username);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  };
  const exported = () => ownAuditRows(stepUpPortal).filter((r) => r.type === 'wave.exported');
  await ownIdp(stepUpPortal, '/__control/reset');
  await signIn('alice');
  await page.goto(`${stepUpPortal.url}/migrations`);
  await page.getByLabel('Wave name').fill('Step-up download');
  await page.getByLabel('Or usernames or emails').fill('maria.garcia');
  await page.getByRole('button', { name: 'Preview wave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Step-up download' })).toBeVisible();
  const wave = page.url();
  await signIn('frank');
  await page.goto(wave);
  await page.getByRole('button', { name: 'Approve wave' }).click();
  await expect(page.getByText(/by Frank Admin/)).toBeVisible();
  await signIn('alice');
  await page.goto(wave);
  await page.getByRole('button', { name: 'Run wave' }).click();
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toHaveCount(0);

  // 20 minutes later as far as the sign-in's age goes: asked first, and a press anyway spends nothing.
  await signIn('alice', 20 * 60);
  await page.goto(wave);
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  const before = ownAuditRows(stepUpPortal).filter((r) => r.error_code === 'step-up-stale').length;
  const refused = page.waitForResponse((r) => r.url().endsWith('/export') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  expect((await refused).status()).toBe(409);
  // The download's own alert says so too, beside the notice.
  await expect(page.locator('main').getByRole('alert').filter({ hasText: 'sign in again first' })).toHaveCount(2);
  expect(ownAuditRows(stepUpPortal).filter((r) => r.error_code === 'step-up-stale').length).toBe(before + 1);
  expect(exported()).toEqual([]);

  // Confirmed: the one download is still there.
  await page.getByRole('button', { name: 'Sign in again' }).first().click();
  await new Portal(page).idp.signIn('alice');
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toHaveCount(0);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  expect((await downloading).suggestedFilename()).toMatch(/^wave-step-up-download-.*\.csv$/);
  expect(exported()).toHaveLength(1);
});
