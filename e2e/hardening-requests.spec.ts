/**
 * Requests an outside attacker crafts by hand (issue 10): return addresses that leave the portal,
 * action POSTs without a JavaScript client and without a same-origin Origin, oversized bodies,
 * and a forged X-Forwarded-For. Each asserts what WorkMail and the audit log now hold.
 */
import type { Page } from '@playwright/test';
import { auditRows, type Row } from './audit-db';
import { resetCalls, users, verifyPassword } from './emulator';
import { expect, test } from './fixtures';
import { PersonPage } from './pages/person';
import { E2E_PORTS } from './env';

const BASE = `http://localhost:${E2E_PORTS.app}`;
const VALID = 'Walrus-Copper-Fjord-62';
const FORGED_IP = '198.51.100.77';
const LOOPBACK = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;

const idOf = async (name: string) => (await users()).find((u) => u.name === name)!.id;
const rowsAbout = (email: string) => auditRows().filter((r) => r.person_email === email);

// Values of `callbackUrl` that, followed as given, end on another site.
const CRAFTED = [
  '/.//evil.example/x',
  `${BASE}//evil.example`,
  `${BASE}/.//evil.example`,
  '/\\evil.example',
  '//evil.example',
  'https://evil.example/x',
  '/%2F%2Fevil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '/%252F%252Fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '\t//evil.example',
];

async function expectOnPortal(page: Page, path = '/users') {
  await expect(page).toHaveURL((url) => url.origin === BASE && url.pathname === path);
}

test.describe('return addresses after sign-in', () => {
  test('a signed-in operator opening a crafted sign-in link stays on the portal', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    for (const crafted of CRAFTED) {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(crafted)}`);
      await expectOnPortal(page);
    }
    // The same value left raw in the query (a link typed or pasted by hand).
    await page.goto('/sign-in?callbackUrl=/.//evil.example/x');
    await expectOnPortal(page);
  });

  test('the full sign-in round trip with a crafted callbackUrl ends on /users', async ({ page, portal }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/.//evil.example/x')}`);
    await portal.signInButton().click();
    await portal.idp.signIn('alice');
    await expectOnPortal(page);
    await expect(portal.signOutButton()).toBeVisible();
  });

  test("next-auth's own sign-in endpoint, given a crafted callbackUrl directly, ends on /users", async ({ page, portal }) => {
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const start = await page.request.post('/api/auth/signin/oidc', {
      headers: { origin: BASE },
      form: { csrfToken, callbackUrl: `${BASE}/.//evil.example/x`, json: 'true' },
    });
    const { url } = (await start.json()) as { url: string };
    await page.goto(url);
    await portal.idp.signIn('alice');
    await expectOnPortal(page);
  });
});

/** The person page's own hidden fields and action id, captured from one real submission (aborted). */
async function captureAction(page: Page, user: string) {
  const person = new PersonPage(page);
  await person.open('example', user);
  await person.fill(VALID);
  // Read before submitting: the aborted submission leaves the page in its error state.
  const hidden = async (name: string) => page.locator(`input[type="hidden"][name="${name}"]`).inputValue();
  const fields = { organizationId: await hidden('organizationId'), userId: await hidden('userId'), binding: await hidden('binding') };
  let actionId: string | undefined;
  await page.route('**/users/**', async (route, request) => {
    if (request.method() !== 'POST') return route.continue();
    actionId = request.headers()['next-action'];
    await route.abort();
  });
  await person.submit();
  await expect.poll(() => actionId).toBeTruthy();
  return {
    actionId: actionId!,
    fields: {
      ...fields,
      password: VALID,
      confirmation: VALID,
      reason: '',
    },
  };
}

/**
 * The multipart form a browser without JavaScript posts for a `useActionState` action: no
 * `Next-Action` header; the action is named by `$ACTION_REF_1` and its bound previous state.
 */
function noScriptForm(actionId: string, fields: Record<string, string>): Record<string, string> {
  return {
    $ACTION_REF_1: '',
    '$ACTION_1:0': JSON.stringify({ id: actionId, bound: '$@1' }),
    '$ACTION_1:1': JSON.stringify([{ status: 'idle' }]),
    ...fields,
  };
}

test.describe('state-changing requests need a same-origin Origin', () => {
  test('a no-JavaScript action POST without Origin, with a foreign one or marked cross-site is refused and resets nothing', async ({
    page,
    signedInAs,
  }) => {
    await signedInAs('alice');
    const email = 'henry.adeyemi@example.com';
    const { actionId, fields } = await captureAction(page, 'henry.adeyemi');
    const before = rowsAbout(email).length;
    const path = '/users/example/henry.adeyemi';
    for (const [label, headers] of [
      ['no Origin', {}],
      ['a foreign Origin', { origin: 'https://evil.example' }],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['Origin "null"', { origin: 'null' }],
    ] as const) {
      const res = await page.request.post(path, { headers, multipart: noScriptForm(actionId, fields), maxRedirects: 0 });
      expect(res.status(), label).toBe(403);
    }
    expect(await resetCalls()).toEqual([]);
    expect(rowsAbout(email)).toHaveLength(before);

    // The very same request from the portal's origin is a working reset: the refusals above were the Origin check.
    const own = await page.request.post(path, { headers: { origin: BASE }, multipart: noScriptForm(actionId, fields), maxRedirects: 0 });
    expect(own.status()).toBe(200);
    expect(await resetCalls()).toHaveLength(1);
    expect(await verifyPassword(await idOf('henry.adeyemi'), VALID)).toBe(true);
  });

  test('other methods from another site are refused too', async ({ request }) => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await request.fetch('/api/auth/signout', { method, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
      expect(res.status(), method).toBe(403);
    }
  });

  test('an oversized body is refused with 413, declared or chunked, and resets nothing', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    const { actionId, fields } = await captureAction(page, 'henry.adeyemi');
    const big = noScriptForm(actionId, { ...fields, reason: 'r'.repeat(100 * 1024) });
    const declared = await page.request.post('/users/example/henry.adeyemi', {
      headers: { origin: BASE },
      multipart: big,
      maxRedirects: 0,
    });
    expect(declared.status()).toBe(413);

    // The same size sent chunked, with no Content-Length.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const chunks = [new TextEncoder().encode('x'.repeat(40 * 1024)), new TextEncoder().encode('x'.repeat(40 * 1024))];
    const chunked = await fetch(`${BASE}/users/example/henry.adeyemi`, {
      method: 'POST',
      headers: { origin: BASE, cookie, 'content-type': 'text/plain', 'next-action': actionId },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await resetCalls()).toEqual([]);

    // A chunked body within the limit still reaches its handler whole (the proxy counts a copy).
    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const form = new TextEncoder().encode(new URLSearchParams({ csrfToken, callbackUrl: '/users', json: 'true' }).toString());
    const small = await fetch(`${BASE}/api/auth/signin/oidc`, {
      method: 'POST',
      headers: { origin: BASE, cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(form.slice(0, 10));
          controller.enqueue(form.slice(10));
          controller.close();
        },
      }),
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect(small.status).toBe(200);
    // A broken body would fail next-auth's CSRF check and send back to sign-in; the IdP URL carries PKCE.
    expect(((await small.json()) as { url: string }).url).toContain('code_challenge=');
  });
});

test.describe('the audit records the connection, not a client-supplied X-Forwarded-For', () => {
  test('a forged X-Forwarded-For appears in no audit row', async ({ page, signedInAs }) => {
    await signedInAs('alice');
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': FORGED_IP, 'x-real-ip': FORGED_IP });
    const person = new PersonPage(page);
    await person.open('example', 'leo.bianchi');
    await person.reset(VALID);
    await expect(person.status()).toContainText('Password reset for Leo Bianchi');
    const exported = await page.request.get('/audit/export', { headers: { 'x-forwarded-for': FORGED_IP } });
    expect(exported.status()).toBe(200);

    const rows = auditRows() as Array<Row & { client_ip: string | null }>;
    const reset = rows.filter((r) => r.person_email === 'leo.bianchi@example.com' && r.type === 'password.reset.succeeded');
    const exportRow = rows.filter((r) => r.type === 'audit.exported').at(-1)!;
    expect(reset).toHaveLength(1);
    for (const row of [reset[0]!, exportRow]) {
      expect(row.client_ip, row.type).toMatch(LOOPBACK);
    }
    expect(rows.some((r) => r.client_ip === FORGED_IP)).toBe(false);
  });
});
