/** The reset: happy paths checked in the emulator and the audit log, bad input, double clicks. */
import { auditRows, databaseContains } from './audit-db';
import { resetCalls, users, verifyPassword } from './emulator';
import { expect, test } from './fixtures';
import { openBeforeScripts } from './hold-scripts';
import { PersonPage } from './pages/person';

const idOf = async (name: string) => (await users()).find((u) => u.name === name)!.id;

test.describe('happy paths', () => {
  test('alice resets jane.doe with a typed password; WorkMail holds it and the audit has no trace of it', async ({ page, signedInAs }) => {
    const password = 'Orchid-Tandem-Quarry-84';
    // Other specs may have reset jane.doe before: only this test's events count.
    const since = auditRows().at(-1)?.id ?? 0;
    await signedInAs('alice');
    const person = new PersonPage(page);
    await person.open('example', 'jane.doe');
    await person.reset(password, 'INC-1234');
    await expect(person.status()).toContainText('Password reset for Jane Doe (jane.doe@example.com)');
    await expect(person.status()).toContainText('jane.doe@example.com');
    await expect(person.status()).toContainText('change it');
    // The form, and the password in it, is gone: the result stands in its place.
    await expect(person.newPassword()).toHaveCount(0);
    await expect(person.confirmPassword()).toHaveCount(0);

    const jane = await idOf('jane.doe');
    expect(await verifyPassword(jane, password)).toBe(true);
    const rows = auditRows().filter((r) => r.id > since && r.person_email === 'jane.doe@example.com');
    // The notice to the person follows the outcome (docs/handover.md): the e2e portal has a mail catcher.
    expect(rows.map((r) => r.type)).toEqual(['password.reset.requested', 'password.reset.succeeded', 'notice.sent']);
    expect(rows[1]).toMatchObject({ actor_email: 'alice@example.com', outcome: 'succeeded', reason: 'INC-1234' });
    expect(rows[1]!.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(databaseContains(password)).toBe(false);
    expect(page.url()).not.toContain(password);
  });

  test('before the page’s script has run there is no password field to lose typing in; once it runs, a typed reset works', async ({
    page,
    signedInAs,
  }) => {
    const password = 'Lantern-Quiver-Osprey-62';
    await signedInAs('alice');
    const person = new PersonPage(page);
    const release = await openBeforeScripts(page, '/users/example/maria.garcia');
    // Generator first: the fields open only at "Set a password myself", which needs the script.
    await expect(person.setMyselfButton()).toBeVisible();
    await expect(person.newPassword()).toHaveCount(0);
    release();
    await person.reset(password);
    await expect(person.status()).toContainText('Password reset for Maria Garcia');
    expect(await verifyPassword(await idOf('maria.garcia'), password)).toBe(true);
  });

  test('alice resets john.smith with a generated password', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    const person = new PersonPage(page);
    await person.open('example', 'john.smith');
    await page.getByRole('button', { name: 'Generate password' }).click();
    const generated = await person.newPassword().inputValue();
    expect(generated.length).toBeGreaterThanOrEqual(20);
    await expect(person.confirmPassword()).toHaveValue(generated);
    await expect(person.meter()).toHaveAttribute('aria-valuetext', /Strong|Very strong/);
    await person.expectReady();
    await person.submit();
    await expect(person.status()).toContainText('Password reset for John Smith');
    expect(await verifyPassword(await idOf('john.smith'), generated)).toBe(true);
    expect(databaseContains(generated)).toBe(false);
  });

  test('bob resets priya.patel, a member through the nested platform group', async ({ page, signedInAs }) => {
    const password = 'Lantern-Basalt-Meadow-19';
    await signedInAs('bob');
    const person = new PersonPage(page);
    await person.open('example', 'priya.patel');
    await person.reset(password);
    await expect(person.status()).toContainText('Password reset for Priya Patel');
    expect(await verifyPassword(await idOf('priya.patel'), password)).toBe(true);
    const last = auditRows()
      .filter((r) => r.type.startsWith('password.reset.'))
      .at(-1)!;
    expect(last).toMatchObject({
      type: 'password.reset.succeeded',
      actor_email: 'bob@example.com',
      person_email: 'priya.patel@example.com',
    });
  });
});

test.describe('the form guides before it submits', () => {
  test('the meter rates as you type and the button waits for every rule', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    const person = new PersonPage(page);
    await person.open('example', 'tom.brown');
    await person.fill('Tom.Brown2026!');
    await expect(person.meter()).toHaveAttribute('aria-valuetext', /Very weak|Weak|Fair/);
    await person.expectBlocked(/Strength at least (Strong|Fair)/);
    await person.fill('Quill-Harbor-Nectar-73', 'Quill-Harbor-Nectar-7');
    await expect(page.getByRole('list', { name: 'Password rules' })).toContainText('Both passwords match (not met)');
    await person.expectBlocked('Both passwords match');
    // The mismatch is said at the confirmation field too, and tied to it.
    await expect(person.confirmPassword()).toHaveAccessibleDescription(/The passwords do not match/);
    await person.confirmPassword().fill('Quill-Harbor-Nectar-73');
    await person.expectReady();
    await expect(person.resetButton()).toBeEnabled();
    const show = page.getByRole('button', { name: 'Show password' });
    await expect(show).toHaveAttribute('aria-pressed', 'false');
    await show.click();
    // The label says what the next press does; the pressed state says what is on now.
    const hide = page.getByRole('button', { name: 'Hide password' });
    await expect(hide).toHaveAttribute('aria-pressed', 'true');
    await expect(person.newPassword()).toHaveAttribute('type', 'text');
    await hide.click();
    await expect(show).toHaveAttribute('aria-pressed', 'false');
    await expect(person.newPassword()).toHaveAttribute('type', 'password');
    expect(await resetCalls()).toEqual([]);
  });

  for (const [label, text, named] of [
    ['an emoji', 'Valid-Start-😀-Pass-91', '😀'],
    ['a CJK character', 'Valid-Start-中-Pass-91', '中'],
    ['a Cyrillic letter', 'Valid-Start-Ж-Pass-91', 'Ж'],
    ['a control character', 'Valid-Start-\u0007-Pass-91', 'control character'],
  ] as const) {
    test(`${label} is named and blocks the reset`, async ({ page, signedInAs }) => {
      await signedInAs('alice');
      const person = new PersonPage(page);
      await person.open('example', 'liam.carter');
      await person.fill(text);
      await expect(page.getByRole('list', { name: 'Password rules' })).toContainText(named);
      await person.expectBlocked(named);
      expect(await resetCalls()).toEqual([]);
    });
  }
});
