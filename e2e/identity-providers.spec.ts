/**
 * Sign-in against two independent identity providers (docs/identity-providers.md): the bundled
 * one in single sign-on mode with its claims only in userinfo, and Glewlwyd from Debian
 * (scripts/ensure-glewlwyd.ts) with RS256; with ES256, discovery apart from the issuer and no
 * end_session_endpoint; and with a client allowed only client_secret_post. Each variant is its own
 * portal instance (standalone server) started here; the Glewlwyd variants are clients and plugins
 * of one Glewlwyd process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { DEMO_PEOPLE } from '../emulators/oidc/people';
import { DEMO_CLIENT, startOidc, type RunningOidc } from '../emulators/oidc/provider';
import { demoEnvironment, redirectUri } from '../scripts/demo-env';
import { GLEWLWYD_CLIENTS, GLEWLWYD_URL, glewlwydDiscoveryUrl, glewlwydIssuer, type GlewlwydClient } from '../scripts/lib/glewlwyd';
import { E2E_PORTS, E2E_SECRET, portalStarted } from './env';
import { expect, test as base } from './fixtures';
import { identityProviderPages } from './pages/identity-provider';
import { sessionCookies } from './pages/portal';

const SSO_IDP_PORT = 4312;
const BROKEN_PORT = 3305;

interface Variant {
  name: string;
  port: number;
  idp: 'bundled' | 'glewlwyd';
  env: Record<string, string>;
  /** `all`: every sign-in case; `sign-in`: the roles only (what the variant changes is the token exchange). */
  cases: 'all' | 'sign-in';
  /** How Sign out ends the provider's session: RP-initiated logout, or prompt=login at the next sign-in. */
  signOut?: 'end-session' | 'prompt-login';
}

const glewlwydClient = (client: GlewlwydClient) => ({ OIDC_CLIENT_ID: client.clientId, OIDC_CLIENT_SECRET: client.secret });

const VARIANTS: Variant[] = [
  {
    name: 'bundled IdP',
    port: 3301,
    idp: 'bundled',
    cases: 'all',
    signOut: 'end-session',
    env: {
      OIDC_ISSUER: `http://localhost:${SSO_IDP_PORT}`,
      OIDC_CLIENT_ID: DEMO_CLIENT.clientId,
      OIDC_CLIENT_SECRET: DEMO_CLIENT.clientSecret,
    },
  },
  {
    name: 'Glewlwyd',
    port: GLEWLWYD_CLIENTS.standard.appPort,
    idp: 'glewlwyd',
    cases: 'all',
    signOut: 'end-session',
    env: { OIDC_ISSUER: glewlwydIssuer('rs256'), ...glewlwydClient(GLEWLWYD_CLIENTS.standard) },
  },
  {
    name: 'Glewlwyd with ES256, discovery apart from the issuer and no end_session_endpoint',
    port: GLEWLWYD_CLIENTS.es256.appPort,
    idp: 'glewlwyd',
    cases: 'sign-in',
    signOut: 'prompt-login',
    env: {
      OIDC_ISSUER: glewlwydIssuer('es256'),
      OIDC_DISCOVERY_URL: glewlwydDiscoveryUrl('es256'),
      ...glewlwydClient(GLEWLWYD_CLIENTS.es256),
    },
  },
  {
    name: 'Glewlwyd with client_secret_post only',
    port: GLEWLWYD_CLIENTS.post.appPort,
    idp: 'glewlwyd',
    cases: 'sign-in',
    env: { OIDC_ISSUER: glewlwydIssuer('rs256'), OIDC_TOKEN_AUTH_METHOD: 'client_secret_post', ...glewlwydClient(GLEWLWYD_CLIENTS.post) },
  },
];

/** Discovery at `<issuer>/.well-known` answers 404 at Glewlwyd: the portal must say so. */
const BROKEN: Variant = {
  name: 'wrong discovery',
  port: BROKEN_PORT,
  idp: 'glewlwyd',
  cases: 'sign-in',
  env: { OIDC_ISSUER: GLEWLWYD_URL, ...glewlwydClient(GLEWLWYD_CLIENTS.standard) },
};

const answers = (port: number) =>
  fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );

interface Instances {
  dir: string;
  output: Map<number, string>;
}

async function startInstances(): Promise<{ instances: Instances; stop: () => Promise<void> }> {
  const discovery = await fetch(glewlwydDiscoveryUrl('rs256')).catch(() => undefined);
  if (!discovery?.ok)
    throw new Error(`Glewlwyd does not answer at ${GLEWLWYD_URL}: run npx tsx scripts/ensure-glewlwyd.ts (npm run test:e2e does)`);
  // A worker restarted after a failure may start while the last one's servers still stop.
  const ports = [SSO_IDP_PORT, ...[...VARIANTS, BROKEN].map((v) => v.port)];
  await expect(async () => expect(await Promise.all(ports.map((p) => answers(p)))).not.toContain(true)).toPass({ timeout: 30_000 });
  const dir = mkdtempSync(join(tmpdir(), 'portal-idps-'));
  // The demo policy, plus a group whose name has a space as a second admin group.
  const policy = join(dir, 'access-policy.json');
  const demo = JSON.parse(readFileSync(resolve('config/access-policy.demo.json'), 'utf8')) as { admins: { groups: string[] } };
  writeFileSync(policy, JSON.stringify({ ...demo, admins: { groups: [...demo.admins.groups, 'Domain Admins'] } }));

  const idp: RunningOidc = await startOidc({
    port: SSO_IDP_PORT,
    sso: true,
    claimsInUserinfoOnly: true,
    redirectUris: [redirectUri(3301)],
    people: [
      ...DEMO_PEOPLE,
      { username: 'gina', name: 'Gina Domain', email: 'gina@example.com', groups: ['Domain Admins'], description: 'a group with a space' },
      { username: 'nora', name: 'Nora Nogroups', email: 'nora@example.com', description: 'no groups claim' },
    ],
  });
  const output = new Map<number, string>();
  const processes: ChildProcess[] = [...VARIANTS, BROKEN].map((v) => {
    const child = spawn(process.execPath, ['.next/standalone/server.js'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...demoEnvironment({ ...E2E_PORTS, app: v.port }, E2E_SECRET),
        PORT: String(v.port),
        HOSTNAME: '::',
        ACCESS_POLICY_FILE: policy,
        DATABASE_URL: `file:${join(dir, `portal-${v.port}.db`)}`,
        ...v.env,
      },
    });
    output.set(v.port, '');
    const collect = (d: Buffer) => output.set(v.port, output.get(v.port) + d.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    return child;
  });
  for (const [i, v] of [...VARIANTS, BROKEN].entries()) {
    await expect(async () => {
      if (processes[i]!.exitCode !== null) throw new Error(`the portal for ${v.name} stopped:\n${output.get(v.port)}`);
      // The broken variant's readiness says 503 (its provider check fails) once it has started.
      expect(await portalStarted(`http://localhost:${v.port}`, { orNotReady: v === BROKEN })).toBe(true);
    }).toPass({ timeout: 60_000 });
  }
  const stop = async () => {
    for (const child of processes) if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await Promise.all(processes.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once('exit', done)))));
    await idp.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { instances: { dir, output }, stop };
}

const test = base.extend<object, { instances: Instances }>({
  instances: [
    async ({}, use) => {
      const { instances, stop } = await startInstances();
      await use(instances);
      await stop();
    },
    // Automatic: every test here needs the servers, also those that do not read this fixture.
    { scope: 'worker', auto: true, timeout: 120_000 },
  ],
});

/** The audit events an instance holds for one operator, read from its database file. */
function auditOf(instances: Instances, port: number, email: string) {
  const db = new Database(join(instances.dir, `portal-${port}.db`), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('select type, actor_role, actor_name, error_code from audit_events where actor_email = ? order by id')
      .all(email) as Array<Record<string, string>>;
  } finally {
    db.close();
  }
}

async function signIn(page: Page, v: Variant, username: string, path = '/users') {
  await page.goto(`http://localhost:${v.port}${path}`);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole('button', { name: /^Sign in/ }).click();
  await identityProviderPages(v.idp, page).signIn(username);
}

const expectSignedInAs = async (page: Page, name: string, role: string) => {
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${name}`);
  await expect(page.getByRole('banner')).toContainText(role);
};

for (const v of VARIANTS) {
  test.describe(v.name, () => {
    const roles = v.cases === 'all' ? (['alice', 'bob'] as const) : (['alice'] as const);
    const expected = {
      alice: ['Alice Admin', 'Role: Admin', 'admin'],
      bob: ['Bob Lead', 'Role: Team lead of engineering (example)', 'lead'],
    } as const;
    for (const username of roles) {
      test(`${username} signs in with the role ${expected[username][1]}`, async ({ page, instances }) => {
        await signIn(page, v, username);
        await expect(page).toHaveURL(`http://localhost:${v.port}/users`);
        await expectSignedInAs(page, expected[username][0], expected[username][1]);
        const events = auditOf(instances, v.port, `${username}@example.com`);
        expect(events.at(-1)).toMatchObject({ type: 'sign-in', actor_role: expected[username][2] });
      });
    }
    if (v.signOut) {
      test(`Sign out ends the identity provider's session (${v.signOut}): the next sign-in asks for the password`, async ({ page }) => {
        const idp = identityProviderPages(v.idp, page);
        await signIn(page, v, 'alice');
        await expectSignedInAs(page, 'Alice Admin', 'Role: Admin');
        // One press, whether or not the page's script has run yet (e2e/sessions.spec.ts holds it back on purpose).
        await page.getByRole('button', { name: 'Sign out' }).click();
        if (v.signOut === 'prompt-login') {
          // No end_session_endpoint: straight back to sign-in, whose next sign-in sends prompt=login.
          await expect(page).toHaveURL(`http://localhost:${v.port}/sign-in`);
        } else if (v.idp === 'bundled') {
          await page.getByRole('button', { name: 'Yes, sign me out' }).click();
          await expect(page).toHaveURL(`http://localhost:${v.port}/sign-in`);
        } else {
          // Glewlwyd 2.7.5 ends the session but does not return to post_logout_redirect_uri.
          await page.getByRole('button', { name: /Logout/ }).click();
          await expect(page.getByRole('heading', { name: 'Session closed' })).toBeVisible();
        }
        expect(await sessionCookies(page.context())).toEqual([]);
        await page.goto(`http://localhost:${v.port}/users`);
        await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fusers$/);
        await page.getByRole('button', { name: /^Sign in/ }).click();
        await idp.expectShown();
      });
    }
    if (v.cases !== 'all') return;

    test('dave, whose groups give no role, lands on the no-access page with no claim problem', async ({ page, instances }) => {
      await signIn(page, v, 'dave');
      await expect(page).toHaveURL(/\/no-access$/);
      await expect(page.getByText('Dave Nobody')).toBeVisible();
      await expect(page.getByRole('note')).toHaveCount(0);
      expect(auditOf(instances, v.port, 'dave@example.com').at(-1)).toMatchObject({ type: 'access.denied', error_code: 'no-role' });
    });

    test('gina, in the group "Domain Admins" (a name with a space), is an admin', async ({ page, instances }) => {
      await signIn(page, v, 'gina');
      await expectSignedInAs(page, 'Gina Domain', 'Role: Admin');
      expect(auditOf(instances, v.port, 'gina@example.com').at(-1)).toMatchObject({ type: 'sign-in', actor_role: 'admin' });
    });

    test('nora, for whom the provider sends no groups claim, is told that the claim is missing', async ({ page, instances }) => {
      await signIn(page, v, 'nora');
      await expect(page).toHaveURL(/\/no-access$/);
      await expect(page.getByRole('note')).toHaveText(
        'Your identity provider sent no groups: ask IT to grant the groups scope / claim to this portal.',
      );
      await expect(page.getByText('Nora Nogroups')).toBeVisible();
      expect(auditOf(instances, v.port, 'nora@example.com').at(-1)).toMatchObject({ type: 'access.denied', actor_name: 'Nora Nogroups' });
    });

    test('a signed-out deep link returns to the same URL after sign-in', async ({ page }) => {
      await signIn(page, v, 'alice', '/users?q=jane');
      await expect(page).toHaveURL(`http://localhost:${v.port}/users?q=jane`);
      await expect(page.getByRole('link', { name: 'Jane Doe' })).toBeVisible();
    });
  });
}

test.describe('an identity provider whose discovery cannot be read', () => {
  test('start-up logs the URL tried and why, and sign-in says it could not start', async ({ page, instances }) => {
    const url = `${GLEWLWYD_URL}/.well-known/openid-configuration`;
    expect(instances.output.get(BROKEN_PORT)).toContain(`identity provider discovery at ${url} failed: HTTP 404`);
    await page.goto(`http://localhost:${BROKEN_PORT}/sign-in`);
    await page.getByRole('button', { name: /^Sign in/ }).click();
    await expect(page).toHaveURL(/\/sign-in\?.*error=OAuthSignin/);
    await expect(page.getByRole('alert').filter({ hasText: 'Could not start signing in' })).toBeVisible();
  });
});
