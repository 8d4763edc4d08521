/** Sign-in through the real local IdP, roles from the access policy, deep links, sign-out, headers. */
import { auditRows } from './audit-db';
import { expect, test } from './fixtures';
import { E2E_PORTS } from './env';

test.describe('roles', () => {
  for (const [username, name, role] of [
    ['alice', 'Alice Admin', 'Role: Admin'],
    ['bob', 'Bob Lead', 'Role: Team lead of engineering (example)'],
    ['carol', 'Carol Lead', 'Role: Team lead of sales (example)'],
  ] as const) {
    test(`${username} signs in and sees the role ${role}`, async ({ page, portal }) => {
      await portal.signInAs(username);
      await expect(page).toHaveURL(/\/users$/);
      await portal.expectSignedInAs(name, role);
    });
  }

  test('dave, who has no role, lands on the no-access page that says who to ask', async ({ page, portal }) => {
    await portal.signInAs('dave');
    await expect(page).toHaveURL(/\/no-access$/);
    await expect(page.getByRole('heading', { name: 'You have no access to this portal' })).toBeVisible();
    await expect(page.getByText('ask your IT administrators')).toBeVisible();
    await page.goto('/users');
    await expect(page).toHaveURL(/\/no-access$/);
    const dave = auditRows().filter((r) => r.actor_email === 'dave@example.com');
    expect(dave.map((r) => r.type)).toContain('sign-in');
    // On record as a row, or only counted if 30 identical ones already stand this minute (lib/audit/repeats.ts).
    expect(dave.some((r) => r.type === 'access.denied' && r.error_code === 'no-role')).toBe(true);
  });
});

test('a signed-out deep link returns to the same URL after sign-in', async ({ page, portal, search }) => {
  await portal.signInAs('alice', '/users?q=jane');
  await expect(page).toHaveURL(/\/users\?q=jane$/);
  await expect(search.box()).toHaveValue('jane');
  await expect(search.personLink('Jane Doe')).toBeVisible();
});

test('an external callbackUrl is not followed', async ({ page, portal }) => {
  await page.goto('/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal');
  await portal.signInButton().click();
  await portal.idp.signIn('alice');
  await expect(page).toHaveURL(`http://localhost:${E2E_PORTS.app}/users`);
});

test('a wrong IdP password shows an error and leaves you signed out', async ({ page, portal }) => {
  await page.goto('/users');
  await portal.signInButton().click();
  await portal.idp.signIn('alice', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fusers$/);
});

test('after Sign out the portal pages need sign-in again', async ({ page, portal }) => {
  await portal.signInAs('alice');
  await portal.expectSignedInAs('Alice Admin', 'Role: Admin');
  await portal.signOutButton().click();
  // The IdP's session ends too (RP-initiated logout), and it sends the browser back to sign-in.
  await portal.idp.confirmSignOut();
  await expect(page).toHaveURL(`http://localhost:${E2E_PORTS.app}/sign-in`);
  await page.goto('/users');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fusers$/);
  await expect(portal.signOutButton()).toHaveCount(0);
});

test('every page carries the security headers', async ({ page, portal, request }) => {
  for (const path of ['/sign-in', '/users']) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    const csp = h['content-security-policy'] ?? '';
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).toContain("base-uri 'none'");
    expect(h['referrer-policy'], path).toBe('no-referrer');
    expect(h['x-content-type-options'], path).toBe('nosniff');
  }
  // Liveness is a static file (next.config.ts): JSON under a policy that allows nothing, never cached.
  const live = await request.get('/api/health');
  expect(await live.json()).toEqual({ status: 'ok' });
  const h = live.headers();
  expect(h['content-type']).toBe('application/json');
  expect(h['content-security-policy']).toContain("default-src 'none'");
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['cache-control']).toBe('no-store');
  expect((await request.head('/api/health')).status()).toBe(200);
  expect((await request.post('/api/health', { maxRedirects: 0 })).status()).toBeGreaterThanOrEqual(400);
  // The exclusion from the proxy is exact: a neighbouring path still needs a session.
  expect((await request.get('/api/healthz', { maxRedirects: 0 })).status()).toBe(401);

  await portal.signInAs('alice');
  const page1 = await page.request.get('/users');
  expect(page1.headers()['cache-control']).toContain('no-store');
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const res = await page.request.get('/users');
    nonces.add(/'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')![1]!);
  }
  expect(nonces.size).toBe(2);
});

test('a server action POST from a foreign origin or without Origin is refused', async ({ request }) => {
  const attempts: Array<Record<string, string>> = [{ 'next-action': 'x', origin: 'https://evil.example' }, { 'next-action': 'x' }];
  for (const headers of attempts) {
    const res = await request.post('/users', { headers, data: '[]', maxRedirects: 0 });
    expect(res.status()).toBe(403);
  }
});

test('a sign-in failure the IdP reports (error=Callback) is explained, with its code for IT', async ({ page }) => {
  await page.goto('/sign-in?error=Callback');
  const alert = page.getByRole('alert').filter({ hasText: 'The identity provider ended the sign-in with an error' });
  await expect(alert).toContainText('Try again');
  await expect(alert).toContainText('(Error code for IT: Callback.)');
});
