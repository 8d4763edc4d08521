/**
 * Issue 10 item 7: a display name with a right-to-left override cannot falsify what the portal
 * says. The name is isolated (<bdi>) in the heading, the success banner and the audit table, and
 * the person's details show the hidden character as an escape.
 */
import type { Locator } from '@playwright/test';
import { demoSeed } from '../emulators/workmail/seed';
import { auditRows } from './audit-db';
import { control, users, verifyPassword } from './emulator';
import { expect, test } from './fixtures';
import { AuditPage } from './pages/audit';
import { PersonPage } from './pages/person';

/** Reads as "Jane Doe jane.doe@example.com)" unless isolated; the override reverses what follows it. */
const SPOOF = 'Jane Doe \u202E(moc.elpmaxe@eod.enaj';
const USERNAME = 'rtl.spoof';

/** The seed plus one person with the spoofing name: the control API takes any display name. */
async function seedSpoof() {
  const seed = demoSeed();
  seed.organizations[0]!.users!.push({ name: USERNAME, displayName: SPOOF, groups: ['engineering'] });
  await control('POST', '/__control/seed', seed);
}

async function expectIsolated(container: Locator) {
  const name = container.locator('bdi').filter({ hasText: 'Jane Doe' });
  await expect(name).toHaveCount(1);
  expect(await name.evaluate((el) => el.textContent)).toBe(SPOOF);
  await expect(name).toHaveCSS('unicode-bidi', 'isolate');
}

test('a right-to-left override in a display name stays inside the name, and the details show it', async ({ page, signedInAs }) => {
  await seedSpoof();
  const spoof = (await users()).find((u) => u.name === USERNAME)!;
  expect(spoof.displayName).toBe(SPOOF);

  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', USERNAME);
  await expectIsolated(page.getByRole('heading', { level: 1 }));
  await expect(page.getByRole('term').filter({ hasText: 'Display name' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '⟨U+202E⟩' })).toContainText('Jane Doe ⟨U+202E⟩(moc.elpmaxe@eod.enaj');

  const since = auditRows().at(-1)?.id ?? 0;
  const password = 'Orchid-Tandem-Quarry-84';
  await person.reset(password);
  await expect(person.status()).toContainText(`Password reset for ${SPOOF} (${USERNAME}@example.com)`);
  await expectIsolated(person.status());
  // The email after the name is its own isolate, so the override cannot reach it either.
  await expect(
    person
      .status()
      .locator('bdi')
      .filter({ hasText: `${USERNAME}@example.com` })
      .first(),
  ).toHaveCSS('unicode-bidi', 'isolate');
  expect(await verifyPassword(spoof.id, password)).toBe(true);
  const succeeded = auditRows().filter((r) => r.id > since && r.type === 'password.reset.succeeded');
  expect(succeeded).toHaveLength(1);
  expect(succeeded[0]).toMatchObject({ person_email: `${USERNAME}@example.com` });

  const audit = new AuditPage(page);
  await audit.open();
  await expectIsolated(audit.rows().first().getByRole('cell').nth(2));
});
