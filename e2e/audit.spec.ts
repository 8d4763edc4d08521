/**
 * /audit and its CSV export, against the audit database the portal really wrote: who sees which
 * events, filters in the URL, pages, links to person pages, the export's rows, bad filters.
 */
import { readFileSync } from 'node:fs';
import { answeredRequests, auditRows } from './audit-db';
import { setField } from './crafted';
import { fault, users } from './emulator';
import { expect, test } from './fixtures';
import { AuditPage } from './pages/audit';
import { PersonPage } from './pages/person';
import { dateTimeText, utcDateTime } from '../lib/text/utc';

const today = () => new Date().toISOString().slice(0, 10);

/** Splits our CSV (fields quoted only when needed, no newlines in these tests' values). */
const parseCsv = (text: string) =>
  text
    .trim()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')),
    );

test('an admin finds a reset in the log, filtered in the URL, linked to the person, with no password anywhere', async ({
  page,
  signedInAs,
  cspViolations,
}) => {
  void cspViolations; // asserted empty after the test
  await signedInAs('alice');
  const password = 'Lantern-Walnut-Orbit-62';
  const person = new PersonPage(page);
  await person.open('example', 'jane.doe');
  await person.reset(password, 'INC-4242');
  await expect(person.status()).toBeVisible();

  const audit = new AuditPage(page);
  await audit.open();
  for (const header of ['Time', 'Operator', 'Person', 'Outcome']) {
    await expect(audit.table().getByRole('columnheader', { name: header })).toBeVisible();
  }
  await audit.filter({ person: 'jane.doe@', outcome: 'succeeded', from: today(), to: today() });
  await expect(page).toHaveURL(/[?&]person=jane\.doe%40/);
  await expect(page).toHaveURL(/[?&]outcome=succeeded/);
  await expect(page).toHaveURL(new RegExp(`[?&]from=${today()}&to=${today()}`));

  const expected = auditRows().filter((r) => r.type === 'password.reset.succeeded' && r.person_email === 'jane.doe@example.com').length;
  await expect(audit.rows()).toHaveCount(expected);
  // Outcomes in words, the reason in the row itself.
  expect(new Set((await audit.column('Outcome')).map((t) => t.split('\n')[0]))).toEqual(new Set(['Reset']));
  const first = audit.rows().first();
  await expect(first).toContainText('Alice Admin');
  await expect(first.getByRole('cell').nth(3)).toContainText('Reason: INC-4242');
  await first.getByText('More').click();
  await expect(first).toContainText('password.reset.succeeded');
  expect(await page.content()).not.toContain(password);

  // The same view, shared as a link, and the person's name leads to their page.
  await page.goto(page.url());
  await audit.rows().first().getByRole('link', { name: 'Jane Doe' }).click();
  const jane = (await users()).find((u) => u.name === 'jane.doe')!;
  await expect(page).toHaveURL(new RegExp(`/users/example/${jane.id}$`));
});

test('a team lead sees only their own events, whatever the URL asks for', async ({ page, signedInAs }) => {
  await signedInAs('bob');
  const audit = new AuditPage(page);
  await audit.open('?operator=alice');
  await expect(page.getByLabel('Operator')).toHaveCount(0);
  const ownRows = auditRows().filter((r) => r.actor_email === 'bob@example.com');
  const own = ownRows.length;
  expect(own).toBeGreaterThan(0);
  // The table joins each answered reset request with its outcome (lib/audit/query.ts); the export below has every raw event.
  await expect(audit.table()).toContainText(`${own - answeredRequests(ownRows)} event`);
  // Every event is bob's own, so there is no Operator column saying so on each row.
  await expect(audit.table().getByRole('columnheader', { name: 'Operator' })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await audit.exportLink().click();
  const csv = parseCsv(readFileSync(await (await download).path(), 'utf8'));
  const emailAt = csv[0]!.indexOf('operator_email');
  // The export is recorded before it is read, so it is the newest of bob's events in it.
  expect(csv.length - 1).toBe(own + 1);
  expect(csv[1]![csv[0]!.indexOf('type')]).toBe('audit.exported');
  expect(new Set(csv.slice(1).map((r) => r[emailAt]))).toEqual(new Set(['bob@example.com']));
});

test('the CSV export holds exactly the filtered events, and is itself audited', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const audit = new AuditPage(page);
  await audit.open('?outcome=signed-in');
  const expected = auditRows().filter((r) => r.outcome === 'signed-in');
  const download = page.waitForEvent('download');
  await audit.exportLink().click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-\d{8}-\d{4}\.csv$/);
  const [header, ...rows] = parseCsv(readFileSync(await file.path(), 'utf8'));
  expect(header).toEqual(expect.arrayContaining(['time', 'operator_email', 'person_email', 'outcome', 'request_id', 'hash']));
  expect(header!.filter((h) => /pass|secret|token/i.test(h))).toEqual([]);
  const outcomeAt = header!.indexOf('outcome');
  const idAt = header!.indexOf('id');
  expect(rows.map((r) => Number(r[idAt]))).toEqual(expected.map((r) => r.id).reverse());
  expect(new Set(rows.map((r) => r[outcomeAt]))).toEqual(new Set(['signed-in']));
  expect(auditRows().at(-1)).toMatchObject({ type: 'audit.exported', actor_email: 'alice@example.com', reason: 'outcome=signed-in' });
});

test('pages through more events than fit on one page', async ({ page, signedInAs }) => {
  // A lead's crafted resets: 51 denied events, more than one page of 50. Identical refusals past
  // 30 a minute are counted, not written one by one, and an id only sent does not make a refusal
  // of another kind (lib/audit/repeats.ts): so two kinds, a foreign binding and a foreign organization.
  await signedInAs('bob');
  const person = new PersonPage(page);
  await person.open('example', 'olivia.nguyen');
  await person.fill('Walrus-Copper-Fjord-62');
  let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
  await page.route('**/users/**', async (route, request) => {
    if (request.method() !== 'POST') return route.continue();
    captured = { url: request.url(), headers: request.headers(), body: request.postData() ?? '' };
    await route.abort();
  });
  await person.submit();
  await expect.poll(() => captured !== undefined).toBe(true);
  for (let i = 0; i < 51; i++) {
    const res = await page.request.post(captured!.url, {
      headers: captured!.headers,
      data:
        i % 2
          ? setField(captured!.body, 'organizationId', `m-${String(i).padStart(32, '0')}`)
          : setField(captured!.body, 'userId', `crafted-${i}`),
    });
    expect(res.status()).toBe(200);
  }
  const total = auditRows().filter((r) => r.actor_email === 'bob@example.com' && r.outcome === 'denied').length;
  expect(total).toBeGreaterThanOrEqual(51);

  await signedInAs('alice');
  const audit = new AuditPage(page);
  await audit.open('?operator=bob%40example.com&outcome=denied');
  await expect(audit.rows()).toHaveCount(50);
  const pageCount = Math.ceil(total / 50);
  await expect(audit.pages()).toContainText(`Page 1 of ${pageCount}`);
  await audit.pages().getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page).toHaveURL(/[?&]operator=bob%40example\.com/);
  await expect(audit.pages()).toContainText(`Page 2 of ${pageCount}`);
  await expect(audit.rows()).toHaveCount(Math.min(50, total - 50));
  await audit.pages().getByRole('link', { name: 'Previous page' }).click();
  await expect(audit.pages()).toContainText(`Page 1 of ${pageCount}`);
});

test('bad filters get a clear message and search nothing; nobody without a role reads the log', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const audit = new AuditPage(page);
  for (const [query, message] of [
    ['?from=2026-13-45', 'From: a date like'],
    ['?from=2026-11-27&to=2026-11-01', 'The From date is after the To date.'],
    ['?outcome=everything', 'Outcome: choose one from the list.'],
    [`?person=${'x'.repeat(300)}`, 'Person: at most 200 characters.'],
    ['?page=-3', 'Page: 1 or more.'],
  ]) {
    const response = await page.goto(`/audit${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.locator('main').getByRole('alert')).toContainText(message!);
    await expect(audit.table()).toHaveCount(0);
  }
  const refused = await page.request.get('/audit/export?to=yesterday');
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain('To: a date like');

  await signedInAs('dave');
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/no-access$/);
  expect((await page.request.get('/audit/export')).status()).toBe(403);

  await page.context().clearCookies();
  const signedOut = await page.request.get('/audit/export', { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers().location).toContain('/sign-in?callbackUrl=%2Faudit%2Fexport');
});

test.describe('read in Kolkata (UTC+05:30)', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  test('a reset is one row: outcome in words, reason in the row, time in the reader’s zone with UTC in the tooltip', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('alice');
    const person = new PersonPage(page);
    await person.open('example', 'ella.costa');
    await person.reset('Quartz-Meadow-Lantern-93', 'INC-7777');
    await expect(person.status()).toBeVisible();
    // The database holds both events of the attempt: the request, then its outcome.
    const [requested, succeeded] = auditRows()
      .filter((r) => r.reason === 'INC-7777')
      .map((r) => r.type);
    expect([requested, succeeded]).toEqual(['password.reset.requested', 'password.reset.succeeded']);
    const event = auditRows().findLast((r) => r.reason === 'INC-7777')!;

    const audit = new AuditPage(page);
    await audit.open('?person=ella.costa%40');
    // Two events of hers in the database (this attempt), one row on the page.
    const hers = auditRows().filter((r) => r.person_email === 'ella.costa@example.com');
    expect(answeredRequests(hers)).toBe(1);
    await expect(audit.rows()).toHaveCount(hers.length - 1);
    await expect(audit.rows().filter({ hasText: 'INC-7777' })).toHaveCount(1);
    // The newest row is the notice that followed (notice.sent); the reset's row carries the reason.
    const row = audit.rows().filter({ hasText: 'INC-7777' });
    await expect(row.getByRole('cell').nth(3)).toHaveText(/^Reset\s*Reason: INC-7777$/);
    const time = row.locator('time');
    await expect(time).toHaveAttribute('datetime', event.time);
    const local = dateTimeText(event.time, 'Asia/Kolkata');
    expect(local).toContain('GMT+5:30');
    await expect(time).toHaveText(local);
    await expect(time).toHaveAttribute('title', utcDateTime(event.time));
  });

  test('a failed reset reads "Failed: directory unavailable"', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    const person = new PersonPage(page);
    await person.open('example', 'ella.costa');
    await fault({ operation: 'ResetPassword', error: 'DirectoryUnavailableException', times: 1 });
    await person.reset('Quartz-Meadow-Lantern-94', 'INC-7778');
    await expect(person.alert()).toBeVisible();
    expect(auditRows().findLast((r) => r.reason === 'INC-7778')).toMatchObject({
      type: 'password.reset.failed',
      error_code: 'directory-unavailable',
    });
    const audit = new AuditPage(page);
    await audit.open('?person=ella.costa%40');
    const hers = auditRows().filter((r) => r.person_email === 'ella.costa@example.com');
    expect(answeredRequests(hers)).toBeGreaterThanOrEqual(1);
    await expect(audit.rows()).toHaveCount(hers.length - answeredRequests(hers));
    await expect(audit.rows().filter({ hasText: 'INC-7778' })).toHaveCount(1);
    await expect(audit.rows().filter({ hasText: 'INC-7778' }).getByRole('cell').nth(3)).toContainText('Failed: directory unavailable');
  });
});
