/**
 * Rows of docs/errors.md through a real reset in the browser, with the failure injected in the
 * emulator: the alert says what happened and what to do, with the request id, and never shows the
 * raw AWS name or message. Two rows here (one the operator can fix, one WorkMail's own 500); every
 * row is checked through the reset action in lib/reset/reset-errors.test.ts, with the same words,
 * request id and audit row. Retries, time-outs and the rate limits follow.
 */
import Database from 'better-sqlite3';
import { AUDIT_FILE, auditRows } from './audit-db';
import { control, fault, resetCalls, users } from './emulator';
import { expect, test } from './fixtures';
import { PersonPage } from './pages/person';
import { BROWSER_ROWS } from '../test/error-rows';

const PASSWORD = 'Granite-Velvet-Osprey-58';
const RAW = 'raw-aws-message-not-for-operators';

async function attempt(page: import('@playwright/test').Page, person: string) {
  const p = new PersonPage(page);
  await p.open('example', person);
  await p.reset(PASSWORD);
  return p;
}

for (const [error, person, expected, status] of BROWSER_ROWS) {
  test(`${error}: the operator learns what happened and what to do`, async ({ page, signedInAs }) => {
    await fault({ operation: 'ResetPassword', error, message: RAW, times: 3, ...(status ? { status } : {}) });
    await signedInAs('alice');
    const p = await attempt(page, person);
    await expect(p.alert()).toContainText(expected);
    await expect(p.alert()).toContainText(/AWS request id: [0-9a-f-]{36}/);
    await expect(p.alert()).not.toContainText(error);
    await expect(p.alert()).not.toContainText(RAW);
    await expect(p.status()).toHaveCount(0);
    const last = auditRows().at(-1)!;
    // The portal's own code in error_code (docs/errors.md), WorkMail's name for it beside it.
    expect(last).toMatchObject({ type: 'password.reset.failed', person_email: `${person}@example.com`, provider_code: error });
    expect(last.error_code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
}

test('ThrottlingException is retried by the SDK, then explained', async ({ page, signedInAs }) => {
  await fault({ operation: 'ResetPassword', error: 'ThrottlingException', message: RAW });
  await signedInAs('alice');
  const started = Date.now();
  const p = await attempt(page, 'daniel.murphy');
  await expect(p.alert()).toContainText('WorkMail is busy');
  expect(Date.now() - started).toBeLessThan(15_000);
  expect((await resetCalls()).length).toBe(3);
});

test('a network failure (WorkMail not answering in time) is explained, within 10 s of waiting', async ({ page, signedInAs }) => {
  // Three attempts time out; the emulator still completes them later, as WorkMail could.
  await fault({ operation: 'ResetPassword', latencyMs: 6_000, times: 3 });
  await signedInAs('alice');
  const p = new PersonPage(page);
  await p.open('example', 'emily.fischer');
  await p.fill(PASSWORD);
  const started = Date.now();
  await p.submit();
  await expect(p.alert()).toContainText('WorkMail did not answer in time', { timeout: 15_000 });
  await expect(p.alert()).toContainText('may or may not have been changed');
  expect(Date.now() - started).toBeLessThan(12_000);
});

test('the per-person rate limit refuses the fourth reset in an hour, says when, and audits it', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  for (let i = 0; i < 3; i++) {
    const p = await attempt(page, 'tom.brown');
    await expect(p.status()).toContainText('Password reset for Tom Brown');
  }
  const p = await attempt(page, 'tom.brown');
  await expect(p.alert()).toContainText('reset too many times in the last hour');
  await expect(p.alert()).toContainText(/Try again after \d\d:\d\d UTC/);
  const tom = (await users()).find((u) => u.name === 'tom.brown')!;
  expect((await resetCalls()).filter((c) => c.input.UserId === tom.id)).toHaveLength(3);
  expect(auditRows().at(-1)).toMatchObject({ type: 'rate.limited', error_code: 'rate-limit-person' });
});

test('when the audit log cannot be written, WorkMail is not called (fail closed)', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const p = new PersonPage(page);
  await p.open('example', 'owen.park');
  await p.fill(PASSWORD);
  const lock = new Database(AUDIT_FILE);
  lock.exec('BEGIN EXCLUSIVE');
  try {
    await p.submit();
    await expect(p.alert()).toContainText('audit log cannot be written right now, so no reset was made', { timeout: 15_000 });
  } finally {
    lock.exec('ROLLBACK');
    lock.close();
  }
  // Only Owen's: the previous test's timed-out calls may still land in the emulator's log meanwhile.
  const owenId = (await users()).find((u) => u.name === 'owen.park')!.id;
  expect((await resetCalls()).filter((c) => c.input.UserId === owenId)).toEqual([]);
  const owen = (
    await control<{ organizations: Array<{ users: Array<{ name: string; hasPassword: boolean }> }> }>('GET', '/__control/state')
  ).organizations[0]!.users.find((u) => u.name === 'owen.park')!;
  expect(owen.hasPassword).toBe(false);
});
