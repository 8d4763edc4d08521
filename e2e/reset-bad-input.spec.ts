/**
 * Bad input sent straight to the action (the browser's checks bypassed): each gets a clear
 * message and causes no WorkMail call, no 500 and no hang.
 */
import { craftNextAction, setField } from './crafted';
import { resetCalls, users } from './emulator';
import { expect, test } from './fixtures';
import { PersonPage } from './pages/person';
import { SUBSIDIARY_ORG_ID } from '../emulators/workmail/seed';

const VALID = 'Walrus-Copper-Fjord-62';
const idOf = async (name: string) => (await users()).find((u) => u.name === name)!.id;

async function submitCrafted(page: import('@playwright/test').Page, target: string, rewrite: (body: string) => string) {
  const person = new PersonPage(page);
  await person.open('example', target);
  await person.fill(VALID);
  await craftNextAction(page, (body) => ({ body: rewrite(body) }));
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && Boolean(r.request().headers()['next-action']));
  await person.submit();
  return { person, response: await response };
}

test.describe('crafted values the form would never send', () => {
  for (const [label, password, named] of [
    ['an emoji', `${VALID}😀`, '😀'],
    ['a CJK character', `${VALID}中`, '中'],
    ['a Cyrillic letter', `${VALID}Ж`, 'Ж'],
    ['a control character', `${VALID}\u0001`, 'control character'],
    ['257 characters', `Aa1-${'x'.repeat(253)}`, 'At most 256 characters'],
    ['an empty password', '', 'At least 12 characters'],
  ] as const) {
    test(`${label}: refused with a message, no WorkMail call`, async ({ page, signedInAs }) => {
      await signedInAs('alice');
      const { person, response } = await submitCrafted(page, 'emma.rossi', (body) =>
        setField(setField(body, 'password', password), 'confirmation', password),
      );
      expect(response.status()).toBeLessThan(500);
      await expect(page.getByText(named).first()).toBeVisible();
      await expect(person.status()).toHaveCount(0);
      expect(await resetCalls()).toEqual([]);
    });
  }

  test('a confirmation that does not match: refused, no WorkMail call', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    await submitCrafted(page, 'emma.rossi', (body) => setField(body, 'confirmation', `${VALID}x`));
    await expect(page.getByText('The passwords do not match.')).toBeVisible();
    expect(await resetCalls()).toEqual([]);
  });

  test('another person than the page: refused as not yours, no WorkMail call', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    const other = await idOf('noah.kim');
    await submitCrafted(page, 'emma.rossi', (body) => setField(body, 'userId', other));
    await expect(page.locator('main').getByRole('alert')).toContainText('Not found, or not someone you manage.');
    expect(await resetCalls()).toEqual([]);
  });

  test('another organization than the page: refused, no WorkMail call', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    await submitCrafted(page, 'emma.rossi', (body) => setField(body, 'organizationId', SUBSIDIARY_ORG_ID));
    await expect(page.locator('main').getByRole('alert')).toContainText('Not found, or not someone you manage.');
    expect(await resetCalls()).toEqual([]);
  });

  for (const [label, victim] of [
    ['out of scope', 'maria.garcia'],
    ['protected', 'erin.exec'],
    ['their own mailbox', 'bob'],
  ] as const) {
    test(`a lead's crafted POST for someone ${label}: refused, no WorkMail call`, async ({ page, signedInAs }) => {
      await signedInAs('bob');
      const id = await idOf(victim);
      await submitCrafted(page, 'olivia.nguyen', (body) => setField(body, 'userId', id));
      await expect(page.locator('main').getByRole('alert')).toContainText(/Not found, or not someone you manage|You cannot reset/);
      expect(await resetCalls()).toEqual([]);
    });
  }

  test('a foreign Origin and no Origin are refused before the action runs', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    const person = new PersonPage(page);
    await person.open('example', 'emma.rossi');
    await person.fill(VALID);
    // Capture the page's real action request, then replay it with other origins.
    let captured: { headers: Record<string, string>; body: Buffer } | undefined;
    await page.route('**/users/**', async (route, request) => {
      if (request.method() !== 'POST') return route.continue();
      captured = { headers: request.headers(), body: request.postDataBuffer()! };
      await route.abort();
    });
    await person.submit();
    await expect.poll(() => captured !== undefined).toBe(true);
    for (const origin of ['https://evil.example', undefined]) {
      const headers: Record<string, string> = { ...captured!.headers };
      delete headers.cookie;
      if (origin) headers.origin = origin;
      else delete headers.origin;
      const res = await page.request.post('/users/example/emma.rossi', { headers, data: captured!.body, maxRedirects: 0 });
      expect(res.status(), origin ?? 'no origin').toBe(403);
    }
    expect(await resetCalls()).toEqual([]);
  });

  test('an oversized body is refused without a 500', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    const { response } = await submitCrafted(page, 'emma.rossi', (body) => setField(body, 'reason', 'r'.repeat(3 * 1024 * 1024)));
    expect(response.status()).toBeLessThan(500);
    expect(await resetCalls()).toEqual([]);
  });
});

test('a double click sends exactly one ResetPassword', async ({ page, signedInAs }) => {
  await signedInAs('alice');
  const person = new PersonPage(page);
  await person.open('example', 'ava.jensen');
  await person.fill(VALID);
  await person.expectReady();
  await person.resetButton().dblclick();
  // The second click of the first double click lands on the dialog (the page behind it is inert);
  // a double click on Confirm reset sends one reset, the form being locked after the first.
  await person.confirmButton().dblclick();
  await expect(person.status()).toContainText('Password reset for Ava Jensen');
  expect(await resetCalls()).toHaveLength(1);
});
