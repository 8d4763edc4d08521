/**
 * HANDOVER_MODE=link (docs/configuration.md): the operator never sees the password. A portal of
 * its own on this worker's seventh extra port, sharing the suite's WorkMail, identity provider and
 * session secret: its form has no password fields, the server generates the password, and a
 * password slipped into the request anyway is not the one set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test as base, expect } from './fixtures';
import { resetCalls, users, verifyPassword } from './emulator';
import { E2E_PORTS, E2E_SECRET, extraPort, portalStarted } from './env';
import { PersonPage } from './pages/person';
import { shareSessions } from './sessions-db';
import { freshDatabase, rawSql, type TestDatabase } from '../test/databases';
import { demoEnvironment } from '../scripts/demo-env';

const PORT = extraPort(7);
const URL_BASE = `http://localhost:${PORT}`;

interface LinkPortal {
  database: TestDatabase;
  child: ChildProcess;
}

const test = base.extend<object, { linkPortal: LinkPortal }>({
  linkPortal: [
    async ({}, use) => {
      const database = await freshDatabase('sqlite');
      const log = join(database.url.slice('file:'.length).replace(/\/[^/]+$/, ''), 'portal.log');
      const out = openSync(log, 'a');
      const child = spawn('npx', ['next', 'start', '-p', String(PORT)], {
        detached: true,
        stdio: ['ignore', out, out],
        env: {
          ...process.env,
          // The suite's identity provider and session secret: its sign-in cookie is valid here too.
          ...demoEnvironment({ ...E2E_PORTS, app: PORT }, E2E_SECRET),
          PORT: String(PORT),
          HOSTNAME: '::',
          ACCESS_POLICY_FILE: resolve('config/access-policy.demo.json'),
          DATABASE_URL: database.url,
          HANDOVER_MODE: 'link',
        },
      });
      await expect(async () => {
        if (child.exitCode !== null) throw new Error(`the link-mode portal exited: ${readFileSync(log, 'utf8')}`);
        expect(await portalStarted(URL_BASE)).toBe(true);
      }).toPass({ timeout: 60_000 });
      await use({ database, child });
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
      await database.drop();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

/** Adds a field to a server action's multipart body, named as the form's own fields are (with their prefix). */
function addField(body: string, name: string, value: string): string {
  const boundary = body.split('\r\n')[0]!;
  const prefix = /name="([^"]*?)reason"/.exec(body)![1]!;
  const part = `${boundary}\r\nContent-Disposition: form-data; name="${prefix}${name}"\r\n\r\n${value}\r\n`;
  const end = body.lastIndexOf(`${boundary}--`);
  return `${body.slice(0, end)}${part}${body.slice(end)}`;
}

test('the form has no password at all; the server generates one, and the operator never sees it', async ({
  page,
  signedInAs,
  linkPortal,
}) => {
  await signedInAs('alice');
  await shareSessions(linkPortal.database.url);
  await page.goto(`${URL_BASE}/users/example/jane.doe`);
  const person = new PersonPage(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Reset password' })).toContainText('you will not see it');
  for (const absent of [person.newPassword(), person.confirmPassword(), person.generateButton(), person.setMyselfButton()]) {
    await expect(absent).toHaveCount(0);
  }
  await expect(page.locator('input[type="password"], input[name="password"]')).toHaveCount(0);

  // A password slipped into the request is dropped: the server sets its own.
  const slipped = 'Operator-Chosen-Pass-42';
  // The request is sent from here (as a crafted one would be), so its answer can be read too.
  let answer = '';
  await page.route('**/users/**', async (route, request) => {
    if (request.method() !== 'POST' || !request.headers()['next-action']) return route.continue();
    const response = await route.fetch({ postData: addField(request.postData() ?? '', 'password', slipped) });
    answer = await response.text();
    await route.fulfill({ response, body: answer });
  });
  await person.submit();
  await expect(person.status()).toContainText('Password reset for Jane Doe');
  await expect(person.status().getByTestId('handover-password')).toHaveCount(0);
  await expect(person.status().getByRole('button', { name: 'Copy password' })).toHaveCount(0);

  const jane = (await users()).find((u) => u.name === 'jane.doe')!;
  expect(await resetCalls()).toHaveLength(1);
  expect(await verifyPassword(jane.id, slipped)).toBe(false);
  // Nothing the operator's browser received holds a password: neither the page nor the action's answer.
  expect(answer).toContain('"status":"success"');
  expect(answer).not.toMatch(/"password"/i);
  const rows = await rawSql<{ type: string }>(
    linkPortal.database.url,
    "select type from audit_events where type like 'password.reset.%' order by id",
  );
  expect(rows.map((r) => r.type)).toEqual(['password.reset.requested', 'password.reset.succeeded']);
});
