/**
 * The moments around the reset (docs/architecture.md, "The reset form"): generator first, a blocked
 * submit that says why, the confirmation dialog (Cancel changes nothing), the form locked while the
 * reset is on its way, the done state with the password shown once, a session lost mid-task, the
 * person page's "Last reset by", and all of it on a phone without sideways scrolling.
 */
import type { Page } from '@playwright/test';
import { auditRows, databaseContains } from './audit-db';
import { resetCalls, users, verifyPassword } from './emulator';
import { E2E_PORTS } from './env';
import { expect, test } from './fixtures';
import { Portal } from './pages/portal';
import { PersonPage } from './pages/person';
import { utcDateTime } from '../lib/text/utc';

const idOf = async (name: string) => (await users()).find((u) => u.name === name)!.id;
const lastId = () => auditRows().at(-1)?.id ?? 0;
const rowsAfter = (id: number) => auditRows().filter((r) => r.id > id);
const HOUR_AGO = () => new Date(Date.now() - 3600_000).toISOString();

/** What the dialog should say is left: the limits the suite's portal runs with, less this hour's requests. */
function leftThisHour(actor: string, personEmail: string) {
  const rows = auditRows().filter((r) => r.type === 'password.reset.requested' && r.time > HOUR_AGO());
  return {
    operator: 1000 - rows.filter((r) => r.actor_subject === actor).length,
    person: 3 - rows.filter((r) => r.person_email === personEmail).length,
  };
}

/** The dialog's own wording: "1 reset", "2 resets". */
const resets = (n: number) => `${n} ${n === 1 ? 'reset' : 'resets'}`;

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('a generated reset: the dialog says what will happen, the result shows the password once and WorkMail holds it', async ({
  page,
  signedInAs,
}) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'jack.dubois');
  await person.generateButton().click();
  const generated = await person.newPassword().inputValue();
  await person.expectReady();
  const left = leftThisHour('alice', 'jack.dubois@example.com');
  await person.resetButton().click();
  const dialog = page.getByRole('dialog', { name: 'Reset the password of Jack Dubois?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('stop syncing until they enter the new password');
  await expect(dialog).toContainText('WorkMail cannot force a change at next sign-in');
  // The suite's portal sends notices (its mail catcher) and has no reset role: CloudTrail shows only the portal.
  await expect(dialog).toContainText('The portal tells Jack Dubois by email at jack.dubois@example.com (never the password).');
  await expect(dialog).toContainText('CloudTrail will show only the portal as having made this change');
  await expect(dialog).toContainText(`Left this hour: ${resets(left.operator)} by you, ${resets(left.person)} of Jack Dubois.`);
  await person.confirmButton().click();

  await expect(person.status()).toContainText('Password reset for Jack Dubois (jack.dubois@example.com)');
  await expect(person.resultHeading()).toBeFocused();
  // The form is gone: no second reset one click away.
  await expect(person.resetButton()).toHaveCount(0);
  await expect(person.generateButton()).toHaveCount(0);
  await expect(person.status().getByTestId('handover-password')).toHaveText(generated);
  await expect(person.status().getByRole('button', { name: 'Copy password' })).toBeVisible();
  await expect(person.status().getByRole('link', { name: 'Back to search', exact: true })).toHaveAttribute('href', '/users');
  await expect(person.status().getByRole('link', { name: 'Reset someone else' })).toHaveAttribute('href', '/users');
  expect(await verifyPassword(await idOf('jack.dubois'), generated)).toBe(true);
  expect(databaseContains(generated)).toBe(false);

  // Leaving the page forgets the password: back again, there is a fresh form and no password.
  await person.status().getByRole('link', { name: 'Back to search', exact: true }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Jack Dubois' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(generated);
});

test('a typed reset through the dialog; WorkMail holds exactly what was typed', async ({ page, signedInAs }) => {
  const password = 'Meadow-Copper-Violin-58';
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'ella.costa');
  await expect(person.newPassword()).toHaveCount(0);
  await person.setMyselfButton().click();
  await expect(person.newPassword()).toBeFocused();
  await person.reset(password, 'INC-5150');
  await expect(person.status()).toContainText('Password reset for Ella Costa');
  await expect(person.status().getByTestId('handover-password')).toHaveText(password);
  expect(await verifyPassword(await idOf('ella.costa'), password)).toBe(true);
});

test.describe('Copy password', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('puts the password on the clipboard and empties it a minute later, unless something else was copied since', async ({
    page,
    signedInAs,
  }) => {
    await page.clock.install();
    await signedInAs('alice');
    const person = new PersonPage(page);
    await person.open('example', 'samuel.laine');
    await person.generateButton().click();
    const generated = await person.newPassword().inputValue();
    await person.expectReady();
    await person.submit();
    const copy = person.status().getByRole('button', { name: 'Copy password' });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    await copy.click();
    await expect.poll(clipboard).toBe(generated);
    await page.clock.fastForward(59_000);
    expect(await clipboard()).toBe(generated);
    await page.clock.fastForward(2_000);
    await expect.poll(clipboard).toBe('');

    await copy.click();
    await expect.poll(clipboard).toBe(generated);
    await page.evaluate(() => navigator.clipboard.writeText('something the operator copied since'));
    await page.clock.fastForward(61_000);
    expect(await clipboard()).toBe('something the operator copied since');
  });
});

test('a press with a rule unmet moves focus to a summary naming each rule; nothing is sent', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'jack.dubois');
  const since = lastId();
  await person.expectBlocked('Generate a password, or set one yourself.');
  await person.fill('Short1!', 'Short2!');
  // Enter in a field is the same press.
  await person.confirmPassword().press('Enter');
  await expect(person.errorSummary()).toBeFocused();
  await expect(person.errorSummary()).toContainText('Both passwords match');
  await expect(person.errorSummary()).toContainText(/At least \d+ characters/);
  await expect(person.errorSummary()).toContainText('Strength at least');
  await expect(person.dialog()).toHaveCount(0);
  await expect(person.confirmPassword()).toHaveAccessibleDescription(/The passwords do not match/);
  // The button stays reachable: it is never disabled while idle.
  await expect(person.resetButton()).toBeEnabled();
  expect(await resetCalls()).toEqual([]);
  expect(rowsAfter(since)).toEqual([]);
});

test('Cancel (or Escape) changes nothing: no WorkMail call, no audit event, focus back on Reset password', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'jack.dubois');
  const since = lastId();
  await person.fill('Harbor-Quill-Saffron-31');
  await person.expectReady();
  await person.resetButton().click();
  await expect(person.cancelButton()).toBeFocused();
  await person.cancelButton().click();
  await expect(person.dialog()).toHaveCount(0);
  await expect(person.resetButton()).toBeFocused();
  await person.resetButton().press('Enter');
  await expect(person.dialog()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(person.dialog()).toHaveCount(0);
  await expect(person.resetButton()).toBeFocused();
  await expect(person.newPassword()).toHaveValue('Harbor-Quill-Saffron-31');
  await expect(person.status()).toHaveCount(0);
  expect(await resetCalls()).toEqual([]);
  expect(rowsAfter(since)).toEqual([]);
});

test('while the reset is on its way the whole form is locked, so the password shown is the one being set', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'abigail.kowalski');
  await person.generateButton().click();
  const generated = await person.newPassword().inputValue();
  await person.expectReady();
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  await page.route('**/users/**', async (route, request) => {
    if (request.method() !== 'POST') return route.continue();
    held = true;
    await released;
    await route.continue();
  });
  await person.submit();
  await expect.poll(() => held).toBe(true);
  await expect(person.generateButton()).toBeDisabled();
  await expect(person.newPassword()).toBeDisabled();
  await expect(person.confirmPassword()).toBeDisabled();
  await expect(page.getByLabel('Reason or ticket')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Resetting…' })).toBeDisabled();
  expect(await resetCalls()).toEqual([]);
  release();
  await expect(person.status()).toContainText('Password reset for Abigail Kowalski');
  await expect(person.status().getByTestId('handover-password')).toHaveText(generated);
  expect(await verifyPassword(await idOf('abigail.kowalski'), generated)).toBe(true);
  expect(await resetCalls()).toHaveLength(1);
});

test('signed out in another tab: the submit says so, resets nothing, and signing in again comes back to the person', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: `http://localhost:${E2E_PORTS.app}` });
  const page = await context.newPage();
  const portal = new Portal(page);
  await portal.signInAs('carol');
  await expect(portal.signOutButton()).toBeVisible();
  const person = new PersonPage(page);
  await person.open('example', 'samuel.laine');
  // The way back is the person's permanent link (by id).
  const path = `/users/example/${await idOf('samuel.laine')}`;
  await person.fill('Quartz-Lantern-Meadow-64');
  await person.expectReady();

  const other = await context.newPage();
  await other.goto('/users');
  await new Portal(other).signOutButton().click();
  await new Portal(other).idp.confirmSignOut();
  await expect(other).toHaveURL(/\/sign-in/);
  const since = lastId();

  await person.submit();
  await expect(person.alert()).toContainText('You were signed out, so no reset was made.');
  await expect(page).toHaveURL(/\/users\/example\/samuel\.laine$/);
  expect(await resetCalls()).toEqual([]);
  expect(rowsAfter(since)).toEqual([]);

  const again = person.alert().getByRole('link', { name: 'Sign in again' });
  await expect(again).toHaveAttribute('href', `/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  await again.click();
  await portal.signInButton().click();
  await portal.idp.signIn('carol');
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Samuel Laine' })).toBeVisible();
  await context.close();
});

test('after a reset the person page says who reset them and when, to anyone who may view the person', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'mia.novak');
  await person.reset('Walnut-Harbor-Quill-27');
  await expect(person.status()).toBeVisible();
  const succeeded = auditRows()
    .filter((r) => r.type === 'password.reset.succeeded' && r.person_email === 'mia.novak@example.com')
    .at(-1)!;
  const { time } = succeeded;
  await page.reload();
  const line = page.locator('.last-reset');
  await expect(line).toContainText(`Last reset by Alice Admin at ${utcDateTime(time)}`);
  await expect(line.locator('time')).toHaveAttribute('datetime', time);

  // Carol leads sales, Mia's group: she may view (and reset) her and sees the same line.
  await signedInAs('carol');
  await person.open('example', 'mia.novak');
  await expect(page.locator('.last-reset')).toContainText('Last reset by Alice Admin');
});

test.describe('on a phone (375×812)', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('the person page comes first with the reset, and never scrolls sideways with the form, the dialog or the result', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('alice');
    const person = new PersonPage(page);
    await person.open('example', 'amelia.schmidt');
    // Name, state and the reset action before the details.
    const top = async (locator: import('@playwright/test').Locator) => (await locator.boundingBox())!.y;
    expect(await top(person.generateButton())).toBeLessThan(await top(page.getByRole('heading', { name: 'Details' })));
    expect(await top(person.generateButton())).toBeLessThan(812);
    await expect(page.locator('.person-summary')).toContainText('Enabled');
    expect(await noSidewaysScroll(page)).toBe(true);
    await person.generateButton().click();
    await person.expectReady();
    expect(await noSidewaysScroll(page)).toBe(true);
    await person.resetButton().click();
    await expect(person.dialog()).toBeVisible();
    expect(await noSidewaysScroll(page)).toBe(true);
    await person.confirmButton().click();
    await expect(person.status()).toBeVisible();
    expect(await noSidewaysScroll(page)).toBe(true);
  });
});
