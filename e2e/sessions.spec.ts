/**
 * Server-side sessions (docs/security.md, "Sessions"): a cookie copied before Sign out stops
 * working, `npm run sessions:revoke` ends an operator's session in the running portal, an idle
 * session ends, and groups follow the identity provider, which can also end the session. Each
 * test signs in its own session, so the worker's shared ones are untouched (except where the
 * revoke command ends them all: then the fixture forgets them). Time passing is simulated by
 * moving the session record's times back in the database; the portal notices within the few
 * seconds it caches a session check (lib/sessions/live.ts), hence the polling.
 */
import type { Browser, Cookie, Page } from '@playwright/test';
import { expect, forgetSession, test } from './fixtures';
import { resetCalls, users } from './emulator';
import { endLatestGrant, resetIdp, setIdpGroups } from './idp-control';
import { IdpSignInPage } from './pages/idp';
import { PersonPage } from './pages/person';
import { Portal, sessionCookies } from './pages/portal';
import { ageSession, latestSession, PORTAL_DATABASE } from './sessions-db';
import { auditCommand, rawSql } from '../test/databases';
import { E2E_PORTS } from './env';
import { openBeforeScripts } from './hold-scripts';

interface AuditRow {
  id: number;
  type: string;
  actor_subject: string;
  person_id: string | null;
  outcome: string;
  reason: string | null;
}

const auditSince = async (id: number) => rawSql<AuditRow>(PORTAL_DATABASE, 'select * from audit_events where id > $1 order by id', [id]);
const lastAuditId = async () =>
  Number((await rawSql<{ id: number }>(PORTAL_DATABASE, 'select coalesce(max(id), 0) as id from audit_events'))[0]!.id);

/** A sign-in of its own through the real IdP, in a fresh browser context. */
async function signInFresh(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://localhost:${E2E_PORTS.app}` });
  const page = await context.newPage();
  await new Portal(page).signInAs(username);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

/** A second browser holding a copy of the cookies, as a thief would: the portal sends it to sign-in. */
async function openWithCopiedCookies(browser: Browser, cookies: Cookie[]): Promise<Page> {
  const thief = await browser.newContext({ baseURL: `http://localhost:${E2E_PORTS.app}` });
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto('/users');
  await expect(stolen).toHaveURL(/\/sign-in/);
  await expect(stolen.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  return stolen;
}

/** Reloads /users until the portal has noticed the change (its session check is cached for a few seconds). */
async function expectSentToSignIn(page: Page) {
  await expect(async () => {
    await page.goto('/users');
    await expect(page).toHaveURL(/\/sign-in/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
}

test.afterEach(async () => {
  await resetIdp();
});

test('a cookie copied before Sign out no longer opens pages or runs a reset', async ({ browser }) => {
  const page = await signInFresh(browser, 'bob');
  const jane = (await users()).find((u) => u.name === 'jane.doe')!;
  await page.goto(`/users/example/${jane.id}`);
  const person = new PersonPage(page);
  await person.fill('Copied-Cookie-Harbor-77');
  await person.expectReady();
  // The page's real reset request, kept for replay after Sign out (as a stolen cookie would be used).
  const captured = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) =>
    page.route('**/users/**', async (route, request) => {
      if (request.method() !== 'POST') return route.continue();
      resolve({ headers: await request.allHeaders(), body: request.postDataBuffer()! });
      await route.abort();
    }),
  );
  await person.submit();
  const action = await captured;
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  const copied = await page.context().cookies();
  const session = await latestSession('bob');
  const before = await lastAuditId();

  await page.getByRole('button', { name: 'Sign out' }).click();
  // The identity provider's session ends too (RP-initiated logout), then back to sign-in.
  await new IdpSignInPage(page).confirmSignOut();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await latestSession('bob')).toMatchObject({ id: session.id, end_reason: 'signed-out' });
  expect(await auditSince(before)).toEqual([
    expect.objectContaining({ type: 'session.revoked', actor_subject: 'bob', outcome: 'signed-out' }),
  ]);

  const stolen = await openWithCopiedCookies(browser, copied);

  const headers = { ...action.headers };
  delete headers.cookie;
  delete headers['content-length'];
  const response = await stolen.request.post(`/users/example/${jane.id}`, { headers, data: action.body, maxRedirects: 0 });
  expect(response.status()).toBeLessThan(500);
  // The action answers "signed out" (the page offers to sign in again), rather than redirecting the form away.
  expect(await response.text()).toContain('"status":"signed-out"');
  expect(await resetCalls()).toEqual([]);
  expect((await auditSince(before)).map((r) => r.type)).toEqual(['session.revoked']);
  await stolen.context().close();
});

test('Sign out pressed before the page’s script has run ends the session all the same', async ({ browser }) => {
  const page = await signInFresh(browser, 'bob');
  const session = await latestSession('bob');
  const before = await lastAuditId();
  // As on a slow phone: the form posts without JavaScript, with the `Origin: null` that the page's
  // Referrer-Policy makes the browser send (lib/request-guard.ts). It used to meet a bare 403.
  await openBeforeScripts(page, '/users');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await new IdpSignInPage(page).confirmSignOut();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await sessionCookies(page.context())).toEqual([]);
  expect(await latestSession('bob')).toMatchObject({ id: session.id, end_reason: 'signed-out' });
  expect((await auditSince(before)).map((r) => r.type)).toEqual(['session.revoked']);
  await page.context().close();
});

test("next-auth's own sign-out endpoint ends the session record too", async ({ browser }) => {
  const page = await signInFresh(browser, 'carol');
  const copied = await page.context().cookies();
  const session = await latestSession('carol');
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  // From the portal's own origin, as its sign-out form posts it (proxy.ts refuses a POST without Origin).
  const res = await page.request.post('/api/auth/signout', {
    form: { csrfToken, json: 'true' },
    headers: { origin: `http://localhost:${E2E_PORTS.app}` },
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(400);
  expect(await latestSession('carol')).toMatchObject({ id: session.id, end_reason: 'signed-out' });

  const stolen = await openWithCopiedCookies(browser, copied);
  await stolen.context().close();
  await page.context().close();
});

test('groups written straight into the database make nobody an admin, and clearing ended_at revives no session', async ({ browser }) => {
  // Write access to the database without NEXTAUTH_SECRET (docs/security.md, "Sessions").
  const page = await signInFresh(browser, 'bob');
  const session = await latestSession('bob');
  await rawSql(PORTAL_DATABASE, `update sessions set groups = '["it-admins"]', role = 'admin' where id = $1`, [session.id]);
  await expectSentToSignIn(page);
  // The portal never signed the edit: the row still carries the MAC of bob's real groups.
  expect(await latestSession('bob')).toMatchObject({ id: session.id, groups: '["it-admins"]', mac: session.mac });
  await page.context().close();

  const carols = await signInFresh(browser, 'carol');
  const copied = await carols.context().cookies();
  const ended = await latestSession('carol');
  const { csrfToken } = (await (await carols.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await carols.request.post('/api/auth/signout', {
    form: { csrfToken, json: 'true' },
    headers: { origin: `http://localhost:${E2E_PORTS.app}` },
    maxRedirects: 0,
  });
  expect(await latestSession('carol')).toMatchObject({ id: ended.id, end_reason: 'signed-out', mac: 'ended' });
  await rawSql(PORTAL_DATABASE, 'update sessions set ended_at = null, end_reason = null, last_seen_at = $1 where id = $2', [
    new Date().toISOString(),
    ended.id,
  ]);
  const stolen = await openWithCopiedCookies(browser, copied);
  await stolen.context().close();
  await carols.context().close();
});

test('npm run sessions:revoke -- --subject bob ends his session in the running portal', async ({ browser }) => {
  const page = await signInFresh(browser, 'bob');
  await page.goto('/users');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const session = await latestSession('bob');
  const before = await lastAuditId();

  const result = await auditCommand('sessions-revoke', { DATABASE_URL: PORTAL_DATABASE }, ['--subject', 'bob', '--reason', 'e2e']);
  // Every session of bob ended, the worker's shared one too.
  forgetSession('bob');
  expect(result.code, result.out).toBe(0);
  expect(result.out).toMatch(/Ended [1-9]\d* live sessions? of bob \(sqlite\)/);

  await expectSentToSignIn(page);
  expect(await latestSession('bob')).toMatchObject({ id: session.id, end_reason: 'revoked' });
  const events = await auditSince(before);
  expect(events.filter((e) => e.type === 'session.revoked')).toEqual([
    expect.objectContaining({
      actor_subject: 'system:sessions-revoke',
      person_id: 'bob',
      outcome: 'revoked',
      reason: expect.stringMatching(/^Ended \d+ sessions? of bob: e2e\.$/),
    }),
  ]);
  await page.context().close();
});

test('a session idle past SESSION_IDLE_MINUTES (30) ends, and the expiry is audited', async ({ browser }) => {
  const page = await signInFresh(browser, 'carol');
  const session = await latestSession('carol');
  const before = await lastAuditId();
  await ageSession(session.id, 'last_seen_at', 31);

  await expectSentToSignIn(page);
  expect(await latestSession('carol')).toMatchObject({ id: session.id, end_reason: 'idle' });
  expect(await auditSince(before)).toContainEqual(
    expect.objectContaining({ type: 'session.expired', actor_subject: 'carol', outcome: 'idle' }),
  );
  await page.context().close();
});

test("bob's groups changed at the IdP change his role after the refresh interval", async ({ browser }) => {
  const page = await signInFresh(browser, 'bob');
  const portal = new Portal(page);
  await portal.expectSignedInAs('Bob Lead', 'Role: Team lead of engineering (example)');
  const session = await latestSession('bob');

  await setIdpGroups('bob', ['sales-leads']);
  // Inside the refresh interval (GROUPS_REFRESH_MINUTES, 10) the groups read at sign-in still hold.
  await page.reload();
  await portal.expectSignedInAs('Bob Lead', 'Role: Team lead of engineering (example)');

  await ageSession(session.id, 'groups_refreshed_at', 11);
  await expect(async () => {
    await page.goto('/users');
    await expect(page.getByRole('banner')).toContainText('Role: Team lead of sales (example)', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  expect(await latestSession('bob')).toMatchObject({ id: session.id, groups: '["sales-leads"]', role: 'lead', end_reason: null });
  await page.context().close();
});

test('when the IdP ends his grant, the portal ends his session at the next refresh', async ({ browser }) => {
  const page = await signInFresh(browser, 'bob');
  const session = await latestSession('bob');
  const before = await lastAuditId();
  expect(await endLatestGrant('bob')).toEqual({ ended: 1 });
  await ageSession(session.id, 'groups_refreshed_at', 11);

  await expectSentToSignIn(page);
  expect(await latestSession('bob')).toMatchObject({ id: session.id, end_reason: 'ended-at-idp' });
  expect(await auditSince(before)).toContainEqual(
    expect.objectContaining({ type: 'session.revoked', actor_subject: 'bob', outcome: 'ended-at-idp' }),
  );
  await page.context().close();
});
