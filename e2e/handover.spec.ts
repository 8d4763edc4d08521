/**
 * The hand-over after a reset (docs/handover.md): the one-time link, opened without a session,
 * revealing once what WorkMail now holds; a preview that reveals nothing; second visits and
 * expired links refused; the notice at the mail catcher, and a refusing mail server that leaves
 * the reset done. Each check reads what the backend holds: the emulator, the audit database, the
 * catcher.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Browser, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { AUDIT_FILE, auditRows, databaseContains } from './audit-db';
import { users, verifyPassword } from './emulator';
import { E2E_PORTS } from './env';
import { expect, test } from './fixtures';
import { clearMails, mailControl, mails } from './mail';
import { PersonPage } from './pages/person';

const idOf = async (name: string) => (await users()).find((u) => u.name === name)!.id;
const LINK = new RegExp(`^http://localhost:${E2E_PORTS.app}/handover/[A-Za-z0-9_-]{22}$`);
const GONE = 'This link has already been used or has expired.';

/** The reset with a generated password, through the confirmation dialog; returns that password. */
async function resetWithGenerated(page: Page, user: string): Promise<string> {
  const person = new PersonPage(page);
  await person.open('example', user);
  await person.generateButton().click();
  const password = await person.newPassword().inputValue();
  await person.submit();
  await expect(person.status()).toBeVisible();
  return password;
}

async function createLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Create one-time link' }).click();
  const field = page.getByLabel('One-time link');
  await expect(field).toHaveValue(LINK);
  return field.inputValue();
}

/** A browser with no session at all, as the person opening the link from a chat. */
async function stranger(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

function handoverRow(token: string) {
  const db = new Database(AUDIT_FILE, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256').update(token).digest('hex');
    return db.prepare('select * from handovers where token_hash = ?').get(hash) as Record<string, string | null> | undefined;
  } finally {
    db.close();
  }
}

test.beforeEach(async () => {
  await mailControl({ refuse: false, delayMs: 0 });
  await clearMails();
});

test('a one-time link, opened without a session: a preview reveals nothing, Show password reveals once what WorkMail holds', async ({
  page,
  browser,
  request,
  signedInAs,
}) => {
  const since = auditRows().at(-1)?.id ?? 0;
  await signedInAs('alice');
  const password = await resetWithGenerated(page, 'ava.jensen');
  const person = new PersonPage(page);
  await expect(person.status()).toContainText('Password reset for Ava Jensen');
  await expect(person.status()).toContainText('A notice that their password was reset was sent to ava.jensen@example.com.');
  const link = await createLink(page);
  await expect(person.status()).toContainText('Send this link to the person by chat or SMS');
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
  const token = link.split('/').pop()!;

  // Stored: the token's hash, never the token or the password.
  expect(handoverRow(token)).toMatchObject({ actor_subject: 'alice', sign_in_name: 'ava.jensen@example.com', revealed_at: null });
  expect(handoverRow(token)!.sealed).toEqual(expect.any(String));

  // A chat preview or mail scanner: a plain GET, no cookies, no click.
  const preview = await request.get(link);
  expect(preview.status()).toBe(200);
  const html = await preview.text();
  expect(html).toContain('Alice Admin');
  expect(html).not.toContain(password);
  expect(preview.headers()).toMatchObject({ 'cache-control': expect.stringContaining('no-store'), 'referrer-policy': 'no-referrer' });
  expect(preview.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(handoverRow(token)!.sealed).toEqual(expect.any(String));

  const { context, page: theirs } = await stranger(browser);
  await theirs.goto(link);
  await expect(theirs.getByRole('heading', { name: 'Your new mailbox password' })).toBeVisible();
  await expect(theirs.getByText('Alice Admin reset your mailbox password at')).toBeVisible();
  await theirs.getByRole('button', { name: 'Show password' }).click();
  const shown = theirs.getByLabel('Password', { exact: true });
  await expect(shown).toHaveValue(password);
  await expect(shown).toHaveAttribute('readonly', '');
  await expect(theirs.getByRole('button', { name: 'Copy password' })).toBeVisible();
  expect(await verifyPassword(await idOf('ava.jensen'), await shown.inputValue())).toBe(true);
  expect(handoverRow(token)).toMatchObject({ sealed: null, revealed_at: expect.any(String) });

  // Once: a second visit is refused, naming who to ask.
  await theirs.reload();
  await expect(theirs.locator('main').getByRole('alert')).toHaveText(`${GONE} Ask Alice Admin for a new reset.`);
  await expect(theirs.getByRole('button', { name: 'Show password' })).toHaveCount(0);
  await context.close();

  const rows = auditRows().filter((r) => r.id > since && r.person_email === 'ava.jensen@example.com');
  expect(rows.map((r) => r.type)).toEqual([
    'password.reset.requested',
    'password.reset.succeeded',
    'notice.sent',
    'handover.created',
    'handover.revealed',
  ]);
  expect(rows.at(-1)).toMatchObject({ actor_email: 'alice@example.com', outcome: 'revealed' });

  // The notice reached the person's mailbox, with neither the password nor the link.
  const notice = (await mails()).find((m) => m.to === 'ava.jensen@example.com')!;
  expect(notice.subject).toBe('Your mailbox password was reset');
  expect(notice.text).toContain('Your password was reset by an administrator, Alice Admin, at');
  expect(notice.text).not.toContain(password);
  expect(notice.text).not.toContain(token);
  expect(databaseContains(password)).toBe(false);
  expect(databaseContains(token)).toBe(false);
});

test('a link past its expiry is refused and names who to ask; an unknown one names nobody', async ({ page, browser, signedInAs }) => {
  await signedInAs('alice');
  const password = await resetWithGenerated(page, 'amelia.schmidt');
  const link = await createLink(page);
  const token = link.split('/').pop()!;
  const db = new Database(AUDIT_FILE, { fileMustExist: true });
  db.prepare('update handovers set expires_at = ? where token_hash = ?').run(
    new Date(Date.now() - 1000).toISOString(),
    createHash('sha256').update(token).digest('hex'),
  );
  db.close();

  const { context, page: theirs } = await stranger(browser);
  await theirs.goto(link);
  await expect(theirs.locator('main').getByRole('alert')).toHaveText(`${GONE} Ask Alice Admin for a new reset.`);
  await expect(theirs.getByRole('button', { name: 'Show password' })).toHaveCount(0);
  expect(await theirs.content()).not.toContain(password);
  await theirs.goto(`/handover/${'x'.repeat(22)}`);
  await expect(theirs.locator('main').getByRole('alert')).toHaveText(`${GONE} Ask the person who reset your password for a new reset.`);
  await context.close();
});

test('with the mail server refusing, the reset still succeeds, and the result and the audit say the notice failed', async ({
  page,
  signedInAs,
}) => {
  await mailControl({ refuse: true });
  const since = auditRows().at(-1)?.id ?? 0;
  await signedInAs('alice');
  const password = await resetWithGenerated(page, 'benjamin.moreau');
  const person = new PersonPage(page);
  await expect(person.status()).toContainText('Password reset for Benjamin Moreau');
  await expect(person.status()).toContainText(
    'The notice to benjamin.moreau@example.com could not be sent: tell them yourself that you reset their password.',
  );
  expect(await verifyPassword(await idOf('benjamin.moreau'), password)).toBe(true);
  const rows = auditRows().filter((r) => r.id > since && r.person_email === 'benjamin.moreau@example.com');
  expect(rows.map((r) => r.type)).toEqual(['password.reset.requested', 'password.reset.succeeded', 'notice.failed']);
  expect(rows[2]).toMatchObject({ outcome: 'failed', error_code: expect.stringMatching(/^smtp-/) });
  expect(await mails()).toEqual([]);
});

test("the one-time link's page has no axe violations in the light and the dark colour scheme, before, after and once used", async ({
  page,
  browser,
  signedInAs,
}) => {
  await signedInAs('alice');
  await resetWithGenerated(page, 'abigail.kowalski');
  const link = await createLink(page);
  const context = await browser.newContext({ colorScheme: 'light' });
  const theirs = await context.newPage();
  const axe = (label: string) => expectNoAxeViolations(theirs, label);
  await theirs.goto(link);
  await expect(theirs.getByRole('button', { name: 'Show password' })).toBeVisible();
  await axe('ready');
  await theirs.getByRole('button', { name: 'Show password' }).click();
  await expect(theirs.getByLabel('Password', { exact: true })).toBeVisible();
  await axe('revealed');
  await theirs.reload();
  await expect(theirs.locator('main').getByRole('alert')).toBeVisible();
  await axe('used');
  await context.close();
});
