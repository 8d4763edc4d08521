/**
 * Per-reset role sessions (docs/cloudtrail.md) through the browser, on a portal whose policy gives
 * `example` the emulator's reset role (it requires a source identity) and `subsidiary` a role that
 * does not trust the portal. What CloudTrail would say is read from the emulator
 * (`/__control/cloudtrail`), what WorkMail holds from its password check, the portal's audit from its file.
 */
import { test as base, expect } from './fixtures';
import { control, verifyPassword } from './emulator';
import { extraPort } from './env';
import { ownAuditRows, startOwnPortal, stopOwnPortal, type OwnPortal } from './own-portal';
import { Portal } from './pages/portal';
import { PersonPage } from './pages/person';
import type { TrailEvent } from '../emulators/workmail/cloudtrail';
import { DEMO_RESET_ROLE } from '../emulators/workmail/seed';
import { writeRolePolicy } from '../test/role-policy';
import { join } from 'node:path';

const UNTRUSTED_ROLE = 'arn:aws:iam::000000000000:role/does-not-trust-the-portal';

const test = base.extend<object, { rolePortal: OwnPortal }>({
  rolePortal: [
    async ({}, use) => {
      const own = await startOwnPortal({ app: extraPort(10), oidc: extraPort(11) }, (dir) => ({
        ACCESS_POLICY_FILE: writeRolePolicy(join(dir, 'access-policy.json'), { example: DEMO_RESET_ROLE, subsidiary: UNTRUSTED_ROLE }),
      }));
      await use(own);
      await stopOwnPortal(own);
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

test.describe.configure({ timeout: 60_000 });

const trail = (eventName: string) => control<TrailEvent[]>('GET', `/__control/cloudtrail?eventName=${eventName}`);
const calls = async (operation: string) =>
  (await control<{ calls: Array<{ outcome: string }> }>('GET', `/__control/calls?operation=${operation}`)).calls;
const userId = async (alias: string, name: string) => {
  const state = await control<{ organizations: Array<{ alias: string; users: Array<{ id: string; name: string }> }> }>(
    'GET',
    '/__control/state',
  );
  return state.organizations.find((o) => o.alias === alias)!.users.find((u) => u.name === name)!.id;
};

test.beforeEach(async ({ page, rolePortal }) => {
  await page.goto(`${rolePortal.url}/users`);
  await new Portal(page).signInButton().click();
  await new Portal(page).idp.signIn('alice');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('alice’s reset runs as her role session: CloudTrail names her, the session carries the ticket, the audit joins them', async ({
  page,
  rolePortal,
}) => {
  const person = new PersonPage(page);
  await page.goto(`${rolePortal.url}/users/example/jane.doe`);
  const ticket = `INC-${Date.now()}`;
  await person.reset('Harbor-Quartz-Pelican-31', ticket);
  await expect(person.status()).toContainText('Password reset for Jane Doe');

  const janeId = await userId('example', 'jane.doe');
  expect(await verifyPassword(janeId, 'Harbor-Quartz-Pelican-31')).toBe(true);
  const [reset] = await trail('ResetPassword');
  expect(reset!.userIdentity).toMatchObject({
    type: 'AssumedRole',
    sessionContext: { sourceIdentity: 'alice@example.com', sessionIssuer: { arn: DEMO_RESET_ROLE } },
  });
  expect(reset!.requestParameters).toMatchObject({ UserId: janeId, Password: '[REDACTED]' });
  const assumed = (await trail('AssumeRole')).find(
    (e) => (e.responseElements as { credentials?: { accessKeyId?: string } })?.credentials?.accessKeyId === reset!.userIdentity.accessKeyId,
  );
  expect(assumed!.requestParameters).toMatchObject({
    sourceIdentity: 'alice@example.com',
    durationSeconds: 900,
    tags: expect.arrayContaining([
      { key: 'operator', value: 'alice@example.com' },
      { key: 'ticket', value: ticket },
    ]),
  });
  // The lookups before it ran as the portal.
  expect((await trail('DescribeUser')).every((e) => e.userIdentity.type === 'IAMUser')).toBe(true);
  const succeeded = ownAuditRows(rolePortal)
    .filter((r) => r.type === 'password.reset.succeeded')
    .at(-1)!;
  expect(succeeded).toMatchObject({ role_session: 'role', role_arn: DEMO_RESET_ROLE, source_identity: 'alice@example.com' });
});

test('an expired role session is renewed without the operator noticing', async ({ page, rolePortal }) => {
  const person = new PersonPage(page);
  await page.goto(`${rolePortal.url}/users/example/john.smith`);
  await person.reset('Harbor-Quartz-Pelican-32', 'renewal');
  await expect(person.status()).toContainText('Password reset for John Smith');
  await control('POST', '/__control/sts/expire');

  await page.goto(`${rolePortal.url}/users/example/priya.patel`);
  await person.reset('Harbor-Quartz-Pelican-33', 'renewal');
  await expect(person.status()).toContainText('Password reset for Priya Patel');
  expect(await verifyPassword(await userId('example', 'priya.patel'), 'Harbor-Quartz-Pelican-33')).toBe(true);
  expect((await calls('ResetPassword')).map((c) => c.outcome)).toEqual(['ok', 'ExpiredTokenException', 'ok']);
  expect(await calls('AssumeRole')).toHaveLength(2);
});

for (const [name, fault, words] of [
  ['throttled', { error: 'Throttling', message: 'Rate exceeded' }, 'is busy or cannot be reached'],
  ['unavailable', { error: 'ServiceUnavailable', status: 503 }, 'is busy or cannot be reached'],
] as const) {
  test(`STS ${name}: the mapped message, and no reset`, async ({ page, rolePortal }) => {
    // A ticket of its own: no cached session, so the reset must ask STS.
    await control('POST', '/__control/faults', { operation: 'AssumeRole', times: 10, ...fault });
    const person = new PersonPage(page);
    await page.goto(`${rolePortal.url}/users/example/tom.brown`);
    await person.reset('Harbor-Quartz-Pelican-34', `sts-${name}-${Date.now()}`);
    await expect(person.alert()).toContainText(`AWS STS, which gives the portal the reset role that names you in CloudTrail, ${words}`);
    expect(await calls('ResetPassword')).toHaveLength(0);
    expect(await verifyPassword(await userId('example', 'tom.brown'), 'Harbor-Quartz-Pelican-34')).toBe(false);
    const failed = ownAuditRows(rolePortal)
      .filter((r) => r.type === 'password.reset.failed')
      .at(-1)!;
    expect(failed).toMatchObject({
      error_code: 'operator-session-unavailable',
      role_session: 'role',
      source_identity: 'alice@example.com',
    });
  });
}

test('a role that will not have the portal: a configuration message, and no reset', async ({ page, rolePortal }) => {
  const person = new PersonPage(page);
  await page.goto(`${rolePortal.url}/users/subsidiary/lena.fischer`);
  await person.reset('Harbor-Quartz-Pelican-35', 'untrusted');
  await expect(person.alert()).toContainText('AWS refused the portal the reset role that names you in CloudTrail');
  await expect(person.alert()).toContainText('roleArn');
  expect(await calls('ResetPassword')).toHaveLength(0);
  expect((await calls('AssumeRole')).map((c) => c.outcome)).toEqual(['AccessDenied']);
  const failed = ownAuditRows(rolePortal)
    .filter((r) => r.type === 'password.reset.failed')
    .at(-1)!;
  expect(failed).toMatchObject({ error_code: 'operator-session-refused', provider_code: 'sts:AccessDenied', role_arn: UNTRUSTED_ROLE });
});
