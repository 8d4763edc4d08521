/**
 * Scale-out (docs/deployment.md): two more portal instances, on this worker's first two extra ports (the second the
 * standalone production server), share one PostgreSQL database. The per-person rate limit holds across both; 50 concurrent resets spread
 * over both give 50 succeeded events, one unbroken chain, and 50 passwords WorkMail now holds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { test as base, expect } from './fixtures';
import { setField } from './crafted';
import { PersonPage } from './pages/person';
import { control, resetCalls, users, verifyPassword, type StateUser } from './emulator';
import { E2E_PORTS, E2E_SECRET, extraPort, expectPortalStarted } from './env';
import { auditCommand, freshDatabase, rawSql, type TestDatabase } from '../test/databases';
import { shareSessions } from './sessions-db';
import { DEMO_AUDIT_HMAC_KEY, demoEnvironment } from '../scripts/demo-env';

const INSTANCES = [extraPort(1), extraPort(2)];
const PER_PERSON_LIMIT = 3;

interface Cluster {
  database: TestDatabase;
  processes: ChildProcess[];
}

async function startCluster(): Promise<Cluster> {
  const database = await freshDatabase('postgres');
  // The first runs as the tests' portal does (next start), the second as production does: the
  // standalone server (docs/deployment.md), which runs from its own folder, hence absolute paths.
  const commands = [(port: number) => ['npx', 'next', 'start', '-p', String(port)], () => [process.execPath, '.next/standalone/server.js']];
  const processes = INSTANCES.map((port, i) => {
    const [command, ...args] = commands[i]!(port);
    return spawn(command!, args, {
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        // Same identity provider, WorkMail and session secret as the suite's portal: its sign-in
        // cookie (cookies ignore ports) is valid on both, as behind one load balancer.
        ...demoEnvironment({ ...E2E_PORTS, app: port }, E2E_SECRET),
        PORT: String(port),
        HOSTNAME: '::',
        ACCESS_POLICY_FILE: resolve('config/access-policy.demo.json'),
        DATABASE_URL: database.url,
        RESET_LIMIT_PER_ACTOR: '1000',
        RESET_LIMIT_PER_TARGET: String(PER_PERSON_LIMIT),
      },
    });
  });
  for (const port of INSTANCES) {
    await expectPortalStarted(`http://localhost:${port}`);
  }
  // Opening the database migrates it, so the suite's session records can be shared into it.
  expect((await auditCommand('audit-verify', { DATABASE_URL: database.url })).code).toBe(0);
  return { database, processes };
}

async function stopCluster(cluster: Cluster) {
  for (const child of cluster.processes) if (child.pid) process.kill(-child.pid, 'SIGTERM');
  await Promise.all(cluster.processes.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once('exit', done)))));
  await cluster.database.drop();
}

const test = base.extend<object, { cluster: Cluster }>({
  cluster: [
    async ({}, use) => {
      const cluster = await startCluster();
      await use(cluster);
      await stopCluster(cluster);
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

/** A reset form's server-action request, captured once from the browser and replayed per person. */
interface ActionTemplate {
  headers: Record<string, string>;
  body: string;
}

test.describe.configure({ timeout: 120_000 });

test.describe('two instances on one PostgreSQL', () => {
  let template: ActionTemplate;

  test.beforeEach(async ({ page, signedInAs, cluster }) => {
    await signedInAs('alice');
    // The suite's portal signed alice in; one shared database would hold her session record.
    await shareSessions(cluster.database.url);
    const jane = (await users()).find((u) => u.name === 'jane.doe')!;
    await page.goto(`http://localhost:${INSTANCES[0]}/users/example/${jane.id}`);
    const person = new PersonPage(page);
    await person.fill('Template-Harbor-Quartz-10');
    await person.expectReady();
    const captured = new Promise<ActionTemplate>((resolve) =>
      page.route('**/users/**', async (route, request) => {
        if (request.method() !== 'POST') return route.continue();
        resolve({ headers: await request.allHeaders(), body: request.postData() ?? '' });
        await route.abort();
      }),
    );
    await person.submit();
    template = await captured;
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  /** Sends the reset form for `person` to instance `port`, with its own form binding, as a browser would. */
  async function reset(page: import('@playwright/test').Page, port: number, person: StateUser, password: string) {
    const url = `http://localhost:${port}/users/example/${person.id}`;
    const html = await (await page.request.get(url)).text();
    const binding = /name="binding" value="([^"]+)"/.exec(html)?.[1];
    if (!binding) throw new Error(`no reset form for ${person.name} on ${port}`);
    let body = setField(template.body, 'userId', person.id);
    body = setField(body, 'binding', binding);
    body = setField(setField(body, 'password', password), 'confirmation', password);
    const headers: Record<string, string> = { ...template.headers, origin: `http://localhost:${port}`, referer: url };
    delete headers['content-length'];
    delete headers.cookie;
    const response = await page.request.post(url, { headers, data: body });
    return { status: response.status(), text: await response.text() };
  }

  test('the per-person limit holds across both instances', async ({ page, cluster }) => {
    const maria = (await users()).find((u) => u.name === 'maria.garcia')!;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => reset(page, INSTANCES[i % 2]!, maria, `Quartz-Lantern-Orbit-${40 + i}`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect((await resetCalls()).filter((c) => c.input.UserId === maria.id && c.outcome === 'ok')).toHaveLength(PER_PERSON_LIMIT);
    const events = await rawSql<Record<string, string>>(
      cluster.database.url,
      `select type, count(*)::int as n from audit_events where person_id = $1 group by type`,
      [maria.id],
    );
    const count = (type: string) => Number(events.find((e) => e.type === type)?.n ?? 0);
    expect(count('password.reset.succeeded')).toBe(PER_PERSON_LIMIT);
    expect(count('rate.limited')).toBe(6 - PER_PERSON_LIMIT);
  });

  test('50 concurrent resets over both instances: 50 succeeded events, one chain, 50 new passwords', async ({ page, cluster }) => {
    await control('POST', '/__control/generate', { organization: 'example', users: 50 });
    const everyone = await users();
    const generated = everyone.slice(-50);
    expect(generated).toHaveLength(50);
    const password = (i: number) => `Meadow-Copper-Falcon-${100 + i}`;

    const started = Date.now();
    const results = await Promise.all(generated.map((person, i) => reset(page, INSTANCES[i % 2]!, person, password(i))));
    const seconds = (Date.now() - started) / 1000;
    const figures = `50 concurrent resets over 2 instances: ${seconds.toFixed(1)} s, page load + action each`;
    test.info().annotations.push({ type: 'figures', description: figures });
    console.log(figures);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));

    const ids = generated.map((p) => p.id);
    const succeeded = await rawSql<Record<string, string>>(
      cluster.database.url,
      `select person_id from audit_events where type = 'password.reset.succeeded'`,
    );
    expect(
      succeeded
        .map((r) => r.person_id)
        .filter((id) => ids.includes(id!))
        .sort(),
    ).toEqual([...ids].sort());
    for (const [i, person] of generated.entries()) expect(await verifyPassword(person.id, password(i)), person.name).toBe(true);

    const verify = await auditCommand('audit-verify', { DATABASE_URL: cluster.database.url, AUDIT_HMAC_KEY: DEMO_AUDIT_HMAC_KEY });
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/Audit chain verified \(postgres\): \d+ events, none changed or removed/);
    // Both instances served requests: each wrote its own "requested" events into the one chain.
    const total = await rawSql<Record<string, string>>(
      cluster.database.url,
      `select count(*)::int as n from audit_events where type = 'password.reset.requested'`,
    );
    expect(Number(total[0]!.n)).toBeGreaterThanOrEqual(50);
  });
});
