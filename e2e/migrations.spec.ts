/**
 * Migration waves (docs/migrations.md) on a portal of this spec's own (extraPort(5), its own SQLite
 * database, so its freezes touch no other spec), against the worker's WorkMail emulator and
 * identity provider. Alice creates a wave for `sales`, she cannot approve it, frank does; she runs
 * it and downloads the CSV once: every password in it is what WorkMail holds. The freeze refuses
 * bob's reset of a wave member; a lead finds no /migrations; a portal killed mid-run resumes after
 * its restart without resetting anyone twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect } from './fixtures';
import { resetCalls, users, verifyPassword } from './emulator';
import { E2E_PORTS, E2E_SECRET, extraPort, expectPortalStarted } from './env';
import { PersonPage } from './pages/person';
import { shareSessions } from './sessions-db';
import { freshDatabase, rawSql, type TestDatabase } from '../test/databases';
import { demoEnvironment } from '../scripts/demo-env';

const PORT = extraPort(5);
const BASE = `http://localhost:${PORT}`;

interface Instance {
  database: TestDatabase;
  start(): Promise<void>;
  kill(): Promise<void>;
}

function instance(database: TestDatabase): Instance {
  let child: ChildProcess | undefined;
  return {
    database,
    async start() {
      child = spawn('npx', ['next', 'start', '-p', String(PORT)], {
        detached: true,
        stdio: 'ignore',
        env: {
          ...process.env,
          ...demoEnvironment({ ...E2E_PORTS, app: PORT }, E2E_SECRET),
          ACCESS_POLICY_FILE: resolve('config/access-policy.demo.json'),
          DATABASE_URL: database.url,
          // Slow enough that the restart test can stop it mid-run.
          WAVE_RESETS_PER_SECOND: '4',
        },
      });
      await expectPortalStarted(BASE);
    },
    async kill() {
      const c = child;
      if (!c?.pid || c.exitCode !== null) return;
      const exited = new Promise((done) => c.once('exit', done));
      // SIGKILL: a crash, not a graceful stop.
      process.kill(-c.pid, 'SIGKILL');
      await exited;
    },
  };
}

const test = base.extend<object, { portal5: Instance }>({
  portal5: [
    async ({}, use) => {
      const started = instance(await freshDatabase('sqlite'));
      await started.start();
      await use(started);
      await started.kill();
      await started.database.drop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** Signs `username` in (on the suite's portal) and shares the session with this spec's portal. */
async function as(signedInAs: (u: string) => Promise<void>, portal5: Instance, username: string) {
  await signedInAs(username);
  await shareSessions(portal5.database.url);
}

async function createWave(page: Page, name: string, people: { groups?: string; list?: string }): Promise<string> {
  await page.goto(`${BASE}/migrations`);
  await page.getByLabel('Wave name').fill(name);
  if (people.groups) await page.getByLabel('Groups').fill(people.groups);
  if (people.list) await page.getByLabel('Or usernames or emails').fill(people.list);
  await page.getByRole('button', { name: 'Preview wave' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname.split('/').pop()!;
}

const waveEvents = (db: TestDatabase, waveId: string) =>
  rawSql<{ type: string; person_id: string | null; person_email: string | null; error_code: string | null }>(
    db.url,
    'select type, person_id, person_email, error_code from audit_events where wave_id = $1 order by id',
    [waveId],
  );

test('alice creates a wave for sales, frank approves it, alice runs it and downloads the CSV once', async ({
  page,
  signedInAs,
  portal5,
}) => {
  const sales = ['maria.garcia', 'tom.brown', 'carol'];
  await as(signedInAs, portal5, 'alice');
  const waveId = await createWave(page, 'Sales cutover', { groups: 'sales' });
  const preview = page.getByRole('table').filter({ hasText: 'Everyone in the wave' });
  for (const name of ['Maria Garcia', 'Tom Brown', 'Carol Lead'])
    await expect(preview.getByRole('row', { name: new RegExp(name) })).toContainText('To reset');

  // Four eyes: not the creator.
  await page.getByRole('button', { name: 'Approve wave' }).click();
  await expect(page.locator('main').getByRole('alert')).toContainText('You created this wave: another admin must approve it.');
  await as(signedInAs, portal5, 'frank');
  await page.goto(`${BASE}/migrations/${waveId}`);
  await page.getByRole('button', { name: 'Approve wave' }).click();
  await expect(page.getByText(/by Frank Admin/)).toBeVisible();

  await as(signedInAs, portal5, 'alice');
  await page.goto(`${BASE}/migrations/${waveId}`);
  await page.getByRole('button', { name: 'Run wave' }).click();
  await expect(page.getByRole('progressbar', { name: 'Wave progress' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeVisible({ timeout: 30_000 });
  const [members] = await rawSql<{ n: number }>(
    portal5.database.url,
    "select count(*) as n from migration_wave_people where wave_id = $1 and state = 'succeeded'",
    [waveId],
  );
  const count = Number(members!.n);
  expect(count).toBeGreaterThanOrEqual(sales.length);
  await expect(page.getByRole('status').filter({ hasText: 'Done' })).toHaveText(`Done ${count}, failed 0, remaining 0`);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('wave-sales-cutover-m365-imap.csv');
  const [header, ...rows] = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\r\n');
  expect(header).toBe('EmailAddress,UserName,Password');
  expect(rows).toHaveLength(count);
  const everyone = await users();
  for (const row of rows) {
    const [email, userName, password] = row.split(',');
    expect(userName).toBe(email);
    const user = everyone.find((u) => u.email === email)!;
    expect(await verifyPassword(user.id, password!), email).toBe(true);
  }
  expect(rows.map((r) => r.split(',')[0])).toEqual(expect.arrayContaining(sales.map((s) => `${s}@example.com`)));
  // One reset per person in WorkMail, one succeeded event per person with the wave id, no password left stored.
  expect(await resetCalls()).toHaveLength(count);
  const succeeded = (await waveEvents(portal5.database, waveId)).filter((e) => e.type === 'password.reset.succeeded');
  expect(succeeded).toHaveLength(count);
  expect(new Set(succeeded.map((e) => e.person_id)).size).toBe(count);
  const kept = await rawSql(portal5.database.url, 'select 1 from migration_wave_people where wave_id = $1 and secret is not null', [
    waveId,
  ]);
  expect(kept).toEqual([]);

  // Once: the button is gone, and a second request (alice's or frank's) is refused, with the reason, and audited.
  await page.goto(`${BASE}/migrations/${waveId}`);
  await expect(page.getByRole('button', { name: 'Download CSV' })).toHaveCount(0);
  const again = await page.request.post(`${BASE}/migrations/${waveId}/export`, { headers: { origin: BASE } });
  expect(again.status()).toBe(409);
  expect(await again.json()).toEqual({
    message: 'The passwords of this wave have already been downloaded once; they are deleted and cannot be shown again.',
  });
  const types = (await waveEvents(portal5.database, waveId)).map((e) => `${e.type}:${e.error_code ?? ''}`);
  expect(types.filter((t) => t.startsWith('wave.exported'))).toHaveLength(1);
  expect(types).toContain('wave.refused:export-already-downloaded');
});

test('the freeze refuses bob’s reset of a wave member, with the wave’s name, and WorkMail is not called', async ({
  page,
  signedInAs,
  portal5,
}) => {
  await as(signedInAs, portal5, 'alice');
  const waveId = await createWave(page, 'Eng freeze', { list: 'john.smith\nnobody.here' });
  await expect(page.getByRole('row', { name: /nobody\.here/ })).toContainText('Excluded: Not found in this organization.');
  // The freeze starts once a second admin approved the wave (docs/migrations.md).
  await as(signedInAs, portal5, 'frank');
  await page.goto(`${BASE}/migrations/${waveId}`);
  await page.getByRole('button', { name: 'Approve wave' }).click();
  await expect(page.getByText(/by Frank Admin/)).toBeVisible();

  await as(signedInAs, portal5, 'bob');
  const john = (await users()).find((u) => u.name === 'john.smith')!;
  await page.goto(`${BASE}/users/example/${john.id}`);
  await new PersonPage(page).reset('Velvet-Orchard-Mosaic-72');
  await expect(page.locator('main').getByRole('alert')).toContainText(
    /in migration wave Eng freeze until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} UTC/,
  );
  expect(await resetCalls()).toEqual([]);
  const [denied] = await rawSql<{ error_code: string; actor_subject: string }>(
    portal5.database.url,
    "select error_code, actor_subject from audit_events where type = 'access.denied' and person_id = $1 order by id desc limit 1",
    [john.id],
  );
  expect(denied).toEqual({ error_code: 'migration-freeze', actor_subject: 'bob' });
  expect(waveId).toBeTruthy();
});

test('a team lead finds no /migrations, nor a wave’s progress', async ({ page, signedInAs, portal5 }) => {
  await as(signedInAs, portal5, 'carol');
  const response = await page.goto(`${BASE}/migrations`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Migration waves' })).toHaveCount(0);
  const progress = await page.request.get(`${BASE}/migrations/00000000-0000-0000-0000-000000000000/progress`);
  expect(progress.status()).toBe(404);
});

test('a portal killed mid-run resumes after its restart, and resets nobody twice', async ({ page, signedInAs, portal5 }) => {
  await as(signedInAs, portal5, 'alice');
  const waveId = await createWave(page, 'Engineering restart', { groups: 'engineering' });
  await as(signedInAs, portal5, 'frank');
  await page.goto(`${BASE}/migrations/${waveId}`);
  await page.getByRole('button', { name: 'Approve wave' }).click();
  await expect(page.getByText(/by Frank Admin/)).toBeVisible();
  await page.getByRole('button', { name: 'Run wave' }).click();

  const states = async () =>
    rawSql<{ state: string; n: number }>(
      portal5.database.url,
      'select state, count(*) as n from migration_wave_people where wave_id = $1 group by state',
      [waveId],
    );
  const count = async (state: string) => Number((await states()).find((s) => s.state === state)?.n ?? 0);
  await expect(async () => expect(await count('succeeded')).toBeGreaterThanOrEqual(3)).toPass({ timeout: 30_000 });
  await portal5.kill();
  const atCrash = await count('pending');
  expect(atCrash).toBeGreaterThan(0);
  // The dead runner's lease (30 s, lib/migrations/run.ts) lapses: time passing, as in the sessions spec,
  // is the lease's end moved back in the database rather than waited for.
  await rawSql(portal5.database.url, 'update migration_waves set runner_lease_until = $1 where id = $2', [
    new Date(Date.now() - 1000).toISOString(),
    waveId,
  ]);

  await portal5.start();
  await as(signedInAs, portal5, 'frank');
  await page.goto(`${BASE}/migrations/${waveId}`);
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeVisible({ timeout: 60_000 });
  expect(await count('pending')).toBe(0);
  expect(await count('claimed')).toBe(0);

  const calls = (await resetCalls()).map((c) => (c.input as { UserId: string }).UserId);
  expect(new Set(calls).size).toBe(calls.length);
  const included = (await count('succeeded')) + (await count('failed'));
  expect(calls.length).toBeLessThanOrEqual(included);
  // At most the one person in flight at the crash is "interrupted"; everyone else succeeded once.
  expect(await count('failed')).toBeLessThanOrEqual(1);
  const succeeded = (await waveEvents(portal5.database, waveId)).filter((e) => e.type === 'password.reset.succeeded');
  expect(new Set(succeeded.map((e) => e.person_id)).size).toBe(succeeded.length);
  expect(succeeded.length).toBe(await count('succeeded'));
});
