/**
 * The portal on real directories (docs/active-directory.md): one more portal on Samba AD and one on
 * OpenLDAP, on this worker's extra ports 3 and 4 (e2e/scale-out.spec.ts has 1 and 2), each with its
 * own SQLite file and the suite's identity provider and session secret. What a reset did is checked
 * in the directory itself, by binding as the person (e2e/ldap.ts): the new password signs in, the
 * old one no longer does, and "require a new password" holds (AD's "data 773", OpenLDAP's pwdReset).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import { E2E_PORTS, E2E_SECRET, extraPort, portalStarted } from './env';
import { bindAs, freshPassword, readPerson, setKnownPassword, type TestServer } from './ldap';
import { PersonPage } from './pages/person';
import { SearchPage } from './pages/search';
import { shareSessions } from './sessions-db';
import { freshDatabase, rawSql, type TestDatabase } from '../test/databases';
import { demoEnvironment } from '../scripts/demo-env';
import { directoryEnvironment, directoryOrganization, writeDirectoryPolicy, type TestDirectoryName } from '../scripts/directory-policy';
import { cannotRun, ensureTestDirectory, haltSamba } from '../scripts/lib/ensure-test-directory';
import { SAMBA } from '../scripts/lib/test-directories';
import { LDAP_ERROR_TEXT } from '../lib/providers/ldap/error-text';

interface DirectoryPortal {
  url: string;
  database: TestDatabase;
  child: ChildProcess;
  log: string;
}

/** Port 1 (tcpmux) is privileged and unused: a loopback connection there is refused at once. */
const CLOSED_URL = 'ldaps://127.0.0.1:1';

/** The Samba portal's policy also names two broken organizations, so one portal shows their errors. */
const EXTRA_ORGANIZATIONS: Record<TestDirectoryName, Record<string, unknown>[]> = {
  samba: [
    directoryOrganization('samba', { id: 'plain-ad', alias: 'plain', url: SAMBA.plainUrl, caFile: undefined }),
    directoryOrganization('samba', { id: 'down-ad', alias: 'down', url: CLOSED_URL }),
  ],
  openldap: [],
};

async function startPortal(name: TestDirectoryName, port: number): Promise<DirectoryPortal> {
  await ensureTestDirectory(name === 'samba' ? 'samba' : 'slapd');
  const database = await freshDatabase('sqlite');
  const dir = database.url.slice('file:'.length).replace(/\/[^/]+$/, '');
  const policy = writeDirectoryPolicy(join(dir, 'access-policy.json'), name, EXTRA_ORGANIZATIONS[name]);
  const log = join(dir, 'portal.log');
  const out = openSync(log, 'a');
  const child = spawn('npx', ['next', 'start', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      // The suite's identity provider and session secret: its sign-in cookie is valid here too.
      ...demoEnvironment({ ...E2E_PORTS, app: port }, E2E_SECRET),
      ...directoryEnvironment(name),
      PORT: String(port),
      HOSTNAME: '::',
      ACCESS_POLICY_FILE: policy,
      DATABASE_URL: database.url,
      RESET_LIMIT_PER_ACTOR: '1000',
      // The portal's own rules looser than the directory's, so a password only the directory refuses can be sent.
      PASSWORD_REQUIRED_CLASSES: '0',
    },
  });
  const portal = { url: `http://localhost:${port}`, database, child, log };
  try {
    await expect(async () => {
      if (child.exitCode !== null) throw new Error(`the ${name} portal exited: ${readFileSync(log, 'utf8')}`);
      expect(await portalStarted(portal.url)).toBe(true);
    }).toPass({ timeout: 60_000 });
  } catch (err) {
    await stopPortal(portal);
    throw err;
  }
  return portal;
}

async function stopPortal(portal: DirectoryPortal) {
  if (portal.child.pid && portal.child.exitCode === null) process.kill(-portal.child.pid, 'SIGTERM');
  await new Promise((done) => (portal.child.exitCode !== null ? done(null) : portal.child.once('exit', done)));
  await portal.database.drop();
}

const portalFixture = (
  name: TestDirectoryName,
  port: number,
): [(args: object, use: (portal: DirectoryPortal) => Promise<void>) => Promise<void>, { scope: 'worker'; timeout: number }] => [
  async ({}, use) => {
    const portal = await startPortal(name, port);
    await use(portal);
    await stopPortal(portal);
  },
  { scope: 'worker', timeout: 180_000 },
];

const test = base.extend<object, { ad: DirectoryPortal; openldap: DirectoryPortal }>({
  ad: portalFixture('samba', extraPort(3)),
  openldap: portalFixture('openldap', extraPort(4)),
});

interface AuditRow {
  type: string;
  outcome: string;
  actor_email: string;
  person_email: string | null;
  error_code: string | null;
  provider_code: string | null;
  require_change: string | null;
}

const auditAfter = (portal: DirectoryPortal, id: number) =>
  rawSql<AuditRow & { id: number }>(portal.database.url, 'select * from audit_events where id > $1 order by id', [id]);
const lastAuditId = async (portal: DirectoryPortal) =>
  (await rawSql<{ n: number | null }>(portal.database.url, 'select max(id) as n from audit_events'))[0]?.n ?? 0;

/**
 * Signs the operator in through the suite's portal and copies the session record into `portal`'s
 * database: what one shared database behind a load balancer would hold.
 */
async function signIn(signedInAs: (username: string) => Promise<void>, portal: DirectoryPortal, username: string) {
  await signedInAs(username);
  await shareSessions(portal.database.url);
}

const words = (code: keyof typeof LDAP_ERROR_TEXT) => LDAP_ERROR_TEXT[code].title;

async function openPerson(page: Page, portal: DirectoryPortal, org: string, user: string) {
  await page.goto(`${portal.url}/users/${org}/${user}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return new PersonPage(page);
}

/** Resets through the form; `requireChange` sets the checkbox (it starts checked). */
async function resetThroughForm(person: PersonPage, page: Page, password: string | 'generate', requireChange: boolean) {
  const checkbox = page.getByRole('checkbox', { name: 'Require a password change at next sign-in' });
  await expect(checkbox).toBeChecked();
  await checkbox.setChecked(requireChange);
  if (password === 'generate') {
    await page.getByRole('button', { name: 'Generate password' }).click();
    password = await person.newPassword().inputValue();
    expect(password.length).toBeGreaterThanOrEqual(20);
    await person.expectReady();
    await expect(person.resetButton()).toBeEnabled();
    await person.submit();
  } else {
    await person.reset(password);
  }
  return password;
}

/** bob (engineering lead, signed in) may not reset erin.exec (protected), maria.garcia (sales) or himself. */
async function expectLeadRefusals(page: Page, portal: DirectoryPortal) {
  const erin = await openPerson(page, portal, 'example', 'erin.exec');
  await expect(page.getByRole('heading', { level: 1, name: 'Erin Exec' })).toBeVisible();
  await expect(page.locator('main')).toContainText('This person is in a protected group: only an admin can reset them.');
  await expect(erin.resetButton()).toHaveCount(0);

  await page.goto(`${portal.url}/users/example/maria.garcia`);
  await expect(page.getByRole('heading', { name: 'Not found, or not yours' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('maria.garcia@example.com');

  const himself = await openPerson(page, portal, 'example', 'bob');
  await expect(page.locator('main')).toContainText('You cannot reset your own mailbox here.');
  await expect(himself.resetButton()).toHaveCount(0);
}

const refusedWith = (text: RegExp) => ({ refused: expect.stringMatching(text) as unknown as string });

function skipUnless(server: TestServer) {
  const why = cannotRun(server);
  test.skip(why !== undefined, why ?? '');
}

test.describe.configure({ timeout: 60_000 });

test.describe('Samba Active Directory', () => {
  skipUnless('samba');

  test('alice searches “doe” and finds Jane Doe; her page shows the person and the checkbox', async ({ page, signedInAs, ad }) => {
    await signIn(signedInAs, ad, 'alice');
    await page.goto(`${ad.url}/users?org=example`);
    const search = new SearchPage(page);
    await search.search('doe');
    expect(await search.names()).toEqual(['Jane Doe']);
    await search.personLink('Jane Doe').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
    await expect(page.locator('main')).toContainText('jane.doe@example.com');
    await expect(page.getByRole('checkbox', { name: 'Require a password change at next sign-in' })).toBeChecked();
  });

  test('a typed password, change not required: the new one binds, the old one is refused', async ({ page, signedInAs, ad }) => {
    const old = await setKnownPassword('samba', 'ethan.walsh');
    await signIn(signedInAs, ad, 'alice');
    const since = await lastAuditId(ad);
    const person = await openPerson(page, ad, 'example', 'ethan.walsh');
    const password = await resetThroughForm(person, page, freshPassword('Typed'), false);
    await expect(person.status()).toContainText('Password reset for Ethan Walsh');
    await expect(person.status()).toContainText('They keep this password until they change it');
    expect(await bindAs('samba', 'ethan.walsh', password)).toBe('ok');
    expect(await bindAs('samba', 'ethan.walsh', old)).toEqual(refusedWith(/data 52e/));
    const rows = await auditAfter(ad, since);
    expect(rows.map((r) => [r.type, r.error_code, r.provider_code])).toEqual([
      ['password.reset.requested', null, null],
      ['password.reset.succeeded', null, null],
    ]);
    // The audit records that the operator now knows a lasting password.
    expect(rows.at(-1)?.require_change).toBe('not-asked');
  });

  test('a generated password, change required: the person’s next bind must change it first (AD data 773)', async ({
    page,
    signedInAs,
    ad,
  }) => {
    const old = await setKnownPassword('samba', 'sofia.ivanova');
    await signIn(signedInAs, ad, 'alice');
    const since = await lastAuditId(ad);
    const person = await openPerson(page, ad, 'example', 'sofia.ivanova');
    const password = await resetThroughForm(person, page, 'generate', true);
    await expect(person.status()).toContainText('Password reset for Sofia Ivanova');
    await expect(person.status()).toContainText('They must choose a new password of their own when they next sign in.');
    expect(await bindAs('samba', 'sofia.ivanova', password)).toEqual(refusedWith(/data 773/));
    expect(await bindAs('samba', 'sofia.ivanova', old)).toEqual(refusedWith(/data 52e/));
    expect((await readPerson('samba', 'sofia.ivanova', ['pwdLastSet'])).pwdLastSet).toBe('0');
    expect((await auditAfter(ad, since)).at(-1)).toMatchObject({ type: 'password.reset.succeeded', require_change: 'applied' });
  });

  test('a password the portal’s rules allow but AD’s complexity rule refuses: its policy words, nothing changes', async ({
    page,
    signedInAs,
    ad,
  }) => {
    const current = await setKnownPassword('samba', 'james.okafor');
    await signIn(signedInAs, ad, 'alice');
    const since = await lastAuditId(ad);
    const person = await openPerson(page, ad, 'example', 'james.okafor');
    // Lowercase words and spaces: strong for zxcvbn, one character class for AD (it wants three).
    await resetThroughForm(person, page, 'quartz lantern meadow orbit', false);
    await expect(person.alert()).toContainText(words('invalid-password'));
    await expect(person.status()).toHaveCount(0);
    expect(await bindAs('samba', 'james.okafor', current)).toBe('ok');
    const rows = await auditAfter(ad, since);
    expect(rows.map((r) => [r.type, r.error_code, r.provider_code])).toEqual([
      ['password.reset.requested', null, null],
      ['password.reset.failed', 'invalid-password', 'constraintViolation'],
    ]);
  });

  test('bob (engineering lead) is refused erin.exec (protected), maria.garcia (not his) and himself', async ({ page, signedInAs, ad }) => {
    await signIn(signedInAs, ad, 'bob');
    await expectLeadRefusals(page, ad);
  });

  test('sam.lee is disabled: the page says so in Active Directory’s words and nothing reaches the server', async ({
    page,
    signedInAs,
    ad,
  }) => {
    const before = await readPerson('samba', 'sam.lee', ['pwdLastSet', 'uSNChanged']);
    await signIn(signedInAs, ad, 'alice');
    const since = await lastAuditId(ad);
    const sam = await openPerson(page, ad, 'example', 'sam.lee');
    await expect(page.locator('main')).toContainText(
      'This account is disabled in Active Directory. An admin must enable it in Active Directory Users and Computers first.',
    );
    await expect(sam.resetButton()).toHaveCount(0);
    expect(await readPerson('samba', 'sam.lee', ['pwdLastSet', 'uSNChanged'])).toEqual(before);
    expect((await auditAfter(ad, since)).filter((r) => r.type.startsWith('password.reset'))).toEqual([]);
  });

  test('a plain ldap:// organization is a configuration error; a closed port is “directory unavailable”', async ({
    page,
    signedInAs,
    ad,
  }) => {
    await signIn(signedInAs, ad, 'alice');
    await page.goto(`${ad.url}/users/plain/jane.doe`);
    await expect(page.locator('main').getByRole('alert')).toContainText(words('unsupported'));
    await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
    await page.goto(`${ad.url}/users/down/jane.doe`);
    await expect(page.locator('main').getByRole('alert')).toContainText(words('directory-unavailable'));
    await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
  });
});

// Last in this file's Samba tests, so nothing after it meets a stopped server; Samba is started again even when it fails.
test.describe('Samba going away mid-suite', () => {
  skipUnless('samba');

  test('Samba stops between opening the form and the reset: “directory unavailable”, audited as refused, and back once Samba is', async ({
    page,
    signedInAs,
    ad,
  }) => {
    const current = await setKnownPassword('samba', 'ella.costa');
    await signIn(signedInAs, ad, 'alice');
    const person = await openPerson(page, ad, 'example', 'ella.costa');
    const since = await lastAuditId(ad);
    try {
      await haltSamba();
      await resetThroughForm(person, page, freshPassword('Typed'), false);
      await expect(person.alert()).toContainText(words('directory-unavailable'));
      await expect(person.status()).toHaveCount(0);
      // The action reads the person again first, so the reset is refused before anything is requested.
      const rows = await auditAfter(ad, since);
      expect(rows.map((r) => [r.type, r.error_code])).toEqual([['password.reset.refused', 'lookup-directory-unavailable']]);
    } finally {
      await ensureTestDirectory('samba');
    }
    // Nothing changed while it was away, and the same portal reaches it again without a restart.
    expect(await bindAs('samba', 'ella.costa', current)).toBe('ok');
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: 'Ella Costa' })).toBeVisible();
      await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
    }).toPass({ timeout: 20_000 });
  });
});

test.describe('OpenLDAP', () => {
  skipUnless('slapd');

  test('alice searches “doe”, resets a typed password: the new one binds, the old one is refused', async ({
    page,
    signedInAs,
    openldap,
  }) => {
    const old = await setKnownPassword('slapd', 'mason.ortiz');
    await signIn(signedInAs, openldap, 'alice');
    await page.goto(`${openldap.url}/users?org=example`);
    const search = new SearchPage(page);
    await search.search('doe');
    expect(await search.names()).toEqual(['Jane Doe']);

    const since = await lastAuditId(openldap);
    const person = await openPerson(page, openldap, 'example', 'mason.ortiz');
    const password = await resetThroughForm(person, page, freshPassword('Typed'), false);
    await expect(person.status()).toContainText('Password reset for Mason Ortiz');
    expect(await bindAs('slapd', 'mason.ortiz', password)).toBe('ok');
    expect(await bindAs('slapd', 'mason.ortiz', old)).toHaveProperty('refused');
    expect((await readPerson('slapd', 'mason.ortiz', ['pwdReset'])).pwdReset).toBeUndefined();
    expect((await auditAfter(openldap, since)).map((r) => r.type)).toEqual(['password.reset.requested', 'password.reset.succeeded']);
  });

  test('change required: pwdReset is set, and the new password still binds', async ({ page, signedInAs, openldap }) => {
    await setKnownPassword('slapd', 'logan.hughes');
    await signIn(signedInAs, openldap, 'alice');
    const person = await openPerson(page, openldap, 'example', 'logan.hughes');
    const password = await resetThroughForm(person, page, freshPassword('Typed'), true);
    await expect(person.status()).toContainText('They must choose a new password of their own when they next sign in.');
    expect((await readPerson('slapd', 'logan.hughes', ['pwdReset'])).pwdReset).toBe('TRUE');
    expect(await bindAs('slapd', 'logan.hughes', password)).toBe('ok');
  });

  test('a generated password: the new one binds, the old one is refused', async ({ page, signedInAs, openldap }) => {
    const old = await setKnownPassword('slapd', 'isabella.cruz');
    await signIn(signedInAs, openldap, 'alice');
    const since = await lastAuditId(openldap);
    const person = await openPerson(page, openldap, 'example', 'isabella.cruz');
    const password = await resetThroughForm(person, page, 'generate', false);
    await expect(person.status()).toContainText('Password reset for Isabella Cruz');
    expect(await bindAs('slapd', 'isabella.cruz', password)).toBe('ok');
    expect(await bindAs('slapd', 'isabella.cruz', old)).toHaveProperty('refused');
    expect((await auditAfter(openldap, since)).map((r) => r.type)).toEqual(['password.reset.requested', 'password.reset.succeeded']);
  });

  test('bob (engineering lead, nested groups walked by the portal) is refused erin.exec (protected), maria.garcia and himself', async ({
    page,
    signedInAs,
    openldap,
  }) => {
    await signIn(signedInAs, openldap, 'bob');
    // priya.patel is in platform, nested in engineering: his through the portal's own walk of member.
    await openPerson(page, openldap, 'example', 'priya.patel');
    await expect(page.getByRole('heading', { level: 1, name: 'Priya Patel' })).toBeVisible();
    await expect(new PersonPage(page).resetButton()).toHaveCount(1);

    await expectLeadRefusals(page, openldap);
  });
});
