/**
 * The reset action's core against the real emulator (over HTTP, SigV4) and a real SQLite audit
 * log: the rules inside the action, the server-side strength check, the per-operator limit and
 * the hash chain. Crafted browser requests are covered end to end in e2e/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { openSqliteFileSync, readSqliteFile } from '../../test/sqlite-file';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulators/workmail/server';
import { resetTestEnvironment } from '../../test/reset-env';
import type { Actor } from '../access/actor';
import { EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
const dir = mkdtempSync(join(tmpdir(), 'reset-test-'));
const dbFile = join(dir, 'audit.db');
let emulator: RunningEmulator;
let lib: {
  performReset: typeof import('./perform-reset').performReset;
  formBinding: typeof import('./binding').formBinding;
  verifyChain: typeof import('../audit/store').verifyChain;
  latestEvents: typeof import('../audit/store').latestEvents;
  actorFor: typeof import('../access/actor').actorFor;
  portalPolicy: typeof import('../portal').portalPolicy;
  recordInvalidForm: typeof import('./perform-reset').recordInvalidForm;
  flushRepeats: typeof import('../audit/repeats').flushRepeats;
  log: typeof import('../log').log;
};
let alice: Actor;
let bob: Actor;

const idOf = (name: string) => [...emulator.state.organizations.get(ORG)!.users.values()].find((u) => u.name === name)!.id;
const resetCalls = () => emulator.state.calls.list({ operation: 'ResetPassword' });

beforeAll(async () => {
  emulator = await startEmulator({});
  Object.assign(process.env, resetTestEnvironment(emulator.url, dbFile, { RESET_LIMIT_PER_ACTOR: '3' }));
  lib = {
    ...(await import('./perform-reset')),
    ...(await import('./binding')),
    ...(await import('../audit/store')),
    ...(await import('../access/actor')),
    ...(await import('../portal')),
    ...(await import('../audit/repeats')),
    ...(await import('../log')),
  };
  const policy = lib.portalPolicy('config/access-policy.demo.json');
  alice = lib.actorFor({ subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', groups: ['it-admins'] }, policy);
  bob = lib.actorFor({ subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', groups: ['eng-leads'] }, policy);
});

afterAll(() => emulator.close());

const input = (actor: Actor, user: string, password = 'Harbor-Quartz-Pelican-31') => {
  const userId = idOf(user);
  return {
    organizationId: ORG,
    userId,
    binding: lib.formBinding(ORG, userId, actor.subject),
    password,
    confirmation: password,
    reason: undefined,
  };
};

describe('the rules inside the action, with a valid form binding', () => {
  it.each([
    ['out of scope', 'maria.garcia', 'not-yours', 'Not found, or not someone you manage.'],
    ['protected', 'erin.exec', 'protected', 'You cannot reset this password.'],
    ['their own mailbox', 'bob', 'self', 'You cannot reset this password.'],
    ['a disabled mailbox', 'sam.lee', 'disabled', 'You cannot reset this password.'],
  ])('a lead cannot reset someone %s: refused, audited, no WorkMail call', async (_label, user, reason, title) => {
    const before = resetCalls().length;
    const result = await lib.performReset(bob, input(bob, user), { clientIp: '203.0.113.9' });
    expect(result).toMatchObject({ status: 'refused', title });
    expect(resetCalls().length).toBe(before);
    const [event] = await lib.latestEvents(1);
    expect(event).toMatchObject({ type: 'access.denied', actorEmail: 'bob@example.com', errorCode: reason, clientIp: '203.0.113.9' });
  });

  it('refuses a binding made for another person or operator', async () => {
    const forJane = input(alice, 'jane.doe');
    const result = await lib.performReset(alice, { ...forJane, userId: idOf('john.smith') }, {});
    expect(result).toMatchObject({ status: 'refused', title: 'Not found, or not someone you manage.' });
    const stolen = input(alice, 'jane.doe');
    expect(await lib.performReset(bob, stolen, {})).toMatchObject({ status: 'refused' });
    expect(resetCalls()).toEqual([]);
  });

  it('checks strength on the server with the person’s own words', async () => {
    const result = await lib.performReset(alice, input(alice, 'jane.doe', 'Jane.Doe2026!'), {});
    expect(result.status).toBe('invalid');
    expect(JSON.stringify(result)).not.toContain('Jane.Doe2026!');
    expect(resetCalls()).toEqual([]);
  });
});

describe('resets, limits and the audit chain', () => {
  it('resets, then refuses the operator past RESET_LIMIT_PER_ACTOR, and the chain verifies', async () => {
    for (const user of ['jane.doe', 'john.smith', 'priya.patel']) {
      const result = await lib.performReset(alice, input(alice, user), { userAgent: 'vitest' });
      // HANDOVER_MODE's default (both): the password stashed for a link, sealed and with no token yet; no SMTP_URL: no notice.
      expect(result).toMatchObject({ status: 'success', handover: { ref: expect.any(String) }, notice: { state: 'off' } });
      expect(JSON.stringify(result)).not.toContain('Harbor-Quartz-Pelican-31');
      const ref = (result as { handover: { ref: string } }).handover.ref;
      const db = openSqliteFileSync(dbFile);
      const stash = db.prepare('select * from handovers where id = ?').get(ref) as Record<string, unknown>;
      db.close();
      expect(stash).toMatchObject({ actor_subject: 'alice', person_id: idOf(user), token_hash: null, sealed: expect.any(String) });
      expect(JSON.stringify(stash)).not.toContain('Harbor-Quartz-Pelican-31');
    }
    const limited = await lib.performReset(alice, input(alice, 'tom.brown'), {});
    expect(limited).toMatchObject({ status: 'refused', title: 'You have made too many resets in the last hour.' });
    expect(resetCalls()).toHaveLength(3);
    const [event] = await lib.latestEvents(1);
    expect(event).toMatchObject({ type: 'rate.limited', errorCode: 'rate-limit-operator' });
    expect(await lib.verifyChain()).toMatchObject({ ok: true });
  });

  it('names the first broken event when a row is edited, and when one is deleted', async () => {
    const events = await lib.latestEvents(100);
    const middle = events[Math.floor(events.length / 2)]!;
    const raw = openSqliteFileSync(dbFile);
    raw.prepare('update audit_events set actor_email = ? where id = ?').run('mallory@example.com', middle.id);
    expect(await lib.verifyChain()).toMatchObject({ ok: false, brokenAt: middle.id, problem: 'this event was changed' });
    raw.prepare('update audit_events set actor_email = ? where id = ?').run(middle.actorEmail, middle.id);
    expect(await lib.verifyChain()).toMatchObject({ ok: true });
    raw.prepare('delete from audit_events where id = ?').run(middle.id);
    raw.close();
    expect(await lib.verifyChain()).toMatchObject({ ok: false, brokenAt: middle.id + 1 });
  });
});

/** Rows written after `id`, read straight from the file as a reviewer would. */
const rowsAfter = (id: number) =>
  readSqliteFile(
    dbFile,
    (raw) => raw.prepare('select * from audit_events where id > ? order by id').all(id) as Array<Record<string, unknown>>,
  );
const lastId = () =>
  readSqliteFile(dbFile, (raw) => (raw.prepare('select coalesce(max(id), 0) as id from audit_events').get() as { id: number }).id);
/**
 * 200 crafted denials inside one minute (`minutesAhead` keeps tests in minutes of their own), then
 * the flush a minute later: at most 31 rows, every one a form-binding refusal naming nobody, the
 * last counting the rest.
 */
async function expectBoundedFlood(minutesAhead: number, actor: Actor, crafted: (i: number) => ReturnType<typeof input>) {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(new Date(Math.ceil(Date.now() / 60_000) * 60_000 + minutesAhead * 60_000));
    const before = lastId();
    for (let i = 0; i < 200; i++) await lib.performReset(actor, crafted(i), {});
    vi.setSystemTime(Date.now() + 61_000);
    await lib.flushRepeats();
    const rows = rowsAfter(before);
    expect(rows.length).toBeLessThanOrEqual(31);
    expect(rows.every((r) => r.error_code === 'form-binding' && r.person_id === null)).toBe(true);
    expect(rows.at(-1)).toMatchObject({ repeat_count: 200 - (rows.length - 1) });
  } finally {
    vi.useRealTimers();
  }
}
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const PASSWORDS = ['Harbor-Quartz-Pelican-31', 'Jane.Doe2026!', 'Lantern-Basalt-Otter-58'];
const faults = (body: object) =>
  fetch(`${emulator.url}/__control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const clearFaults = () => fetch(`${emulator.url}/__control/faults`, { method: 'DELETE' });

describe('every attempt that reaches the action leaves exactly one outcome event, never the password', () => {
  afterEach(async () => {
    await clearFaults();
  });

  const cases: Array<[string, () => Promise<unknown>, () => Record<string, unknown>]> = [
    [
      'an organization that is not theirs',
      () => lib.performReset(bob, { ...input(bob, 'jane.doe'), organizationId: SUBSIDIARY_ORG_ID }, {}),
      () => ({ type: 'access.denied', outcome: 'denied', error_code: 'not-yours' }),
    ],
    [
      'a binding for another person (a crafted POST)',
      () => lib.performReset(bob, { ...input(bob, 'jane.doe'), userId: idOf('maria.garcia') }, {}),
      () => ({
        type: 'access.denied',
        outcome: 'denied',
        error_code: 'form-binding',
        person_id: null,
        reason: `[id sent: ${idOf('maria.garcia')}]`,
      }),
    ],
    [
      'a broken binding',
      () => lib.performReset(bob, { ...input(bob, 'jane.doe'), binding: 'not-a-binding' }, {}),
      () => ({ type: 'access.denied', outcome: 'denied', error_code: 'form-binding' }),
    ],
    [
      'an unknown person, bound by a lead',
      () => lib.performReset(bob, { ...input(bob, 'jane.doe'), userId: UNKNOWN_ID, binding: lib.formBinding(ORG, UNKNOWN_ID, 'bob') }, {}),
      () => ({ type: 'access.denied', outcome: 'denied', error_code: 'not-yours', person_id: null, reason: `[id sent: ${UNKNOWN_ID}]` }),
    ],
    [
      'an out-of-scope person, bound by a lead: no name or email of theirs recorded',
      () => lib.performReset(bob, input(bob, 'maria.garcia'), {}),
      () => ({ type: 'access.denied', outcome: 'denied', error_code: 'not-yours', person_id: null, person_name: null, person_email: null }),
    ],
    [
      'a password the server finds too weak',
      () => lib.performReset(alice, input(alice, 'jane.doe', 'Jane.Doe2026!'), {}),
      () => ({ type: 'password.reset.invalid', outcome: 'invalid', error_code: 'weak-password', person_email: 'jane.doe@example.com' }),
    ],
    [
      'a lookup error',
      async () => {
        await faults({ operation: 'DescribeUser', error: 'DirectoryUnavailableException', times: 1 });
        return lib.performReset(alice, input(alice, 'john.smith'), {});
      },
      () => ({ type: 'password.reset.refused', outcome: 'refused', error_code: 'lookup-directory-unavailable' }),
    ],
    [
      'a form that failed its schema',
      () =>
        lib.recordInvalidForm(
          bob,
          { organizationId: ORG, userId: idOf('jane.doe'), password: 'Lantern-Basalt-Otter-58😀', confirmation: 'x' },
          ['password', 'confirmation'],
          { clientIp: '198.51.100.4' },
        ),
      () => ({
        type: 'password.reset.invalid',
        outcome: 'invalid',
        error_code: 'invalid-password',
        person_id: null,
        reason: `[id sent: ${idOf('jane.doe')}]`,
        client_ip: '198.51.100.4',
      }),
    ],
  ];

  it.each(cases)('%s', async (_label, attempt, expected) => {
    const before = lastId();
    const result = await attempt();
    if (result) expect(JSON.stringify(result)).not.toMatch(/Harbor|Jane\.Doe2026|Lantern/);
    const rows = rowsAfter(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject(expected());
    expect(rows[0]!.error_code).toBeTruthy();
  });

  it('a lookup error keeps the request id of the failed call', async () => {
    await faults({ operation: 'DescribeUser', error: 'DirectoryUnavailableException', times: 1 });
    const before = lastId();
    const result = await lib.performReset(alice, input(alice, 'john.smith'), {});
    const failed = emulator.state.calls.list({ operation: 'DescribeUser' }).at(-1)!;
    expect(result).toMatchObject({ status: 'refused', requestId: failed.requestId });
    expect(rowsAfter(before)[0]).toMatchObject({ request_id: failed.requestId });
  });

  it('a form older than SESSION_IDLE_MINUTES: invalid, "reload the page", one event, no WorkMail call', async () => {
    const before = lastId();
    const calls = emulator.state.calls.list({}).length;
    const userId = idOf('jane.doe');
    const stale = lib.formBinding(ORG, userId, 'alice', new Date(Date.now() - 31 * 60_000));
    const result = await lib.performReset(alice, { ...input(alice, 'jane.doe'), binding: stale }, {});
    expect(result).toEqual({
      status: 'invalid',
      fieldErrors: { form: expect.stringContaining('This form is out of date: reload the page') },
    });
    expect(rowsAfter(before)).toEqual([
      expect.objectContaining({ type: 'password.reset.invalid', outcome: 'invalid', error_code: 'form-expired' }),
    ]);
    expect(emulator.state.calls.list({}).length).toBe(calls);
  });

  it('200 identical denials in a loop leave at most 31 rows, the rest recorded as a count', async () => {
    await expectBoundedFlood(1, bob, () => ({ ...input(bob, 'jane.doe'), userId: idOf('tom.brown') }));
  });

  it('200 crafted denials, each for another person id, leave at most 31 rows: the id sent does not make a new kind', async () => {
    const carol = lib.actorFor(
      { subject: 'carol-flood', email: 'carol@example.com', name: 'Carol Lead', groups: ['eng-leads'] },
      lib.portalPolicy('config/access-policy.demo.json'),
    );
    const bound = input(carol, 'jane.doe');
    await expectBoundedFlood(5, carol, (i) => ({ ...bound, userId: `crafted-${i}` }));
  });

  it('an unmapped WorkMail error is logged with its original name, message and request id', async () => {
    const frank = lib.actorFor(
      { subject: 'frank', email: 'frank@example.com', name: 'Frank', groups: ['it-admins'] },
      lib.portalPolicy('config/access-policy.demo.json'),
    );
    await faults({
      operation: 'ResetPassword',
      error: 'BrandNewWorkMailException',
      message: 'Something WorkMail has never said before.',
      times: 1,
    });
    const logged = vi.spyOn(lib.log, 'error');
    try {
      const result = await lib.performReset(frank, input(frank, 'liam.carter', 'Lantern-Basalt-Otter-58'), {});
      const call = emulator.state.calls.list({ operation: 'ResetPassword' }).at(-1)!;
      expect(call.outcome).toBe('BrandNewWorkMailException');
      expect(result).toMatchObject({ status: 'refused', requestId: call.requestId });
      const line = JSON.stringify(logged.mock.calls.find(([, message]) => message === 'reset failed with an unmapped error'));
      expect(line).toContain('BrandNewWorkMailException');
      expect(line).toContain('Something WorkMail has never said before.');
      expect(line).toContain(call.requestId);
      expect(line).not.toContain('Lantern-Basalt-Otter-58');
    } finally {
      logged.mockRestore();
    }
  });

  it('an audit log that cannot be written: no reset, no row, and the refusal is logged', async () => {
    const frank = lib.actorFor(
      { subject: 'frank-2', email: 'frank@example.com', name: 'Frank', groups: ['it-admins'] },
      lib.portalPolicy('config/access-policy.demo.json'),
    );
    // Another writer holds the database's write lock past the portal's busy timeout.
    const blocker = openSqliteFileSync(dbFile);
    blocker.exec('begin immediate');
    const logged = vi.spyOn(lib.log, 'error');
    const before = lastId();
    const calls = resetCalls().length;
    try {
      const result = await lib.performReset(frank, input(frank, 'mia.novak', 'Lantern-Basalt-Otter-58'), {});
      expect(result).toMatchObject({ status: 'refused', title: 'The audit log cannot be written right now, so no reset was made.' });
      expect(JSON.stringify(logged.mock.calls)).toContain('audit-unavailable');
      expect(JSON.stringify(logged.mock.calls)).not.toContain('Lantern-Basalt-Otter-58');
    } finally {
      blocker.exec('rollback');
      blocker.close();
      logged.mockRestore();
    }
    expect(rowsAfter(before)).toEqual([]);
    expect(resetCalls().length).toBe(calls);
  });

  it('no row of the audit log holds any password these tests used', () => {
    const bytes = readFileSync(dbFile);
    for (const password of PASSWORDS) expect(bytes.includes(Buffer.from(password)), password).toBe(false);
  });
});

describe('self-reset through an alias', () => {
  it('an admin who signs in with an alias of their own mailbox cannot reset it: denied as self, no WorkMail call', async () => {
    const viaAlias = lib.actorFor(
      { subject: 'alice-alias', email: 'Alice.Admin@example.com', name: 'Alice Admin', groups: ['it-admins'] },
      lib.portalPolicy('config/access-policy.demo.json'),
    );
    const before = lastId();
    const calls = resetCalls().length;
    const result = await lib.performReset(viaAlias, input(viaAlias, 'alice'), {});
    expect(result).toMatchObject({
      status: 'refused',
      title: 'You cannot reset this password.',
      action: expect.stringContaining('your own mailbox'),
    });
    expect(resetCalls().length).toBe(calls);
    expect(rowsAfter(before)).toEqual([
      expect.objectContaining({ type: 'access.denied', error_code: 'self', actor_email: 'Alice.Admin@example.com' }),
    ]);
  });

  it('nor through the username claim alone', async () => {
    const byUsername = lib.actorFor(
      { subject: 'bob-2', email: 'robert@corp.example', username: 'BOB', name: 'Bob Lead', groups: ['eng-leads'] },
      lib.portalPolicy('config/access-policy.demo.json'),
    );
    expect(await lib.performReset(byUsername, input(byUsername, 'bob'), {})).toMatchObject({
      status: 'refused',
      action: expect.stringContaining('your own mailbox'),
    });
  });
});

describe('unknown and out-of-scope people cost the same directory calls', () => {
  it('in the action: the same operations, in the same order, for a lead', async () => {
    const operations = async (userId: string) => {
      emulator.state.calls.clear();
      await lib.performReset(bob, { ...input(bob, 'jane.doe'), userId, binding: lib.formBinding(ORG, userId, 'bob') }, {});
      const ops = emulator.state.calls.list({}).map((c) => c.operation);
      // ListAliases runs beside the rest (by the bound id), so only its count is fixed, not its place.
      return { sequence: ops.filter((o) => o !== 'ListAliases'), aliases: ops.filter((o) => o === 'ListAliases').length };
    };
    const unknown = await operations(UNKNOWN_ID);
    const outOfScope = await operations(idOf('maria.garcia'));
    expect(unknown.sequence.length).toBeGreaterThan(1);
    expect(outOfScope).toEqual(unknown);
  });
});

describe('require a new password at next sign-in', () => {
  it('is never asked of WorkMail, which cannot: the result says so, even when the request asks', async () => {
    const gwen = lib.actorFor(
      { subject: 'gwen', email: 'gwen@example.com', name: 'Gwen', groups: ['it-admins'] },
      lib.portalPolicy('config/access-policy.demo.json'),
    );
    const result = await lib.performReset(gwen, { ...input(gwen, 'tom.brown'), requireChange: true }, {});
    expect(result).toMatchObject({ status: 'success', requireChange: 'unsupported' });
    const [event] = await lib.latestEvents(1);
    expect(event).toMatchObject({ type: 'password.reset.succeeded', requireChange: 'unsupported' });
  });
});

describe('groups the access policy names but the directory does not hold', () => {
  it('refuse a lead’s reset (fail closed): a misspelt protected group must not protect nobody', async () => {
    const policy = lib.portalPolicy('config/access-policy.demo.json');
    const misspelt = { ...policy, protectedGroups: new Map([[ORG, ['executives', 'executivs']]]) };
    const lead = lib.actorFor({ subject: 'bob-typo', email: 'bob.typo@example.com', name: 'Bob', groups: ['eng-leads'] }, misspelt);
    const result = await lib.performReset(lead, input(lead, 'jane.doe'), {});
    expect(result).toMatchObject({ status: 'refused', title: expect.stringContaining('does not exist in this WorkMail organization') });
    const [event] = await lib.latestEvents(1);
    expect(event).toMatchObject({ type: 'password.reset.refused', errorCode: 'lookup-group-not-found', providerCode: 'NoSuchGroup' });
  });
});

describe('a migration wave’s freeze (docs/migrations.md)', () => {
  it('refuses a lead’s reset of a wave member with the wave’s name and end, audited; an admin may; a cancelled wave frees them', async () => {
    const { createWave } = await import('../migrations/create');
    const { takeStep } = await import('../migrations/steps');
    const created = await createWave(alice, {
      name: 'Eng cutover',
      organization: 'example',
      groups: [],
      list: ['john.smith'],
      format: 'google-workspace',
      freezeFrom: new Date(Date.now() - 60_000).toISOString(),
      freezeUntil: '2099-01-01T09:30:00.000Z',
    });
    if (created.status !== 'ok') throw new Error(created.message);
    const admin = lib.actorFor(
      { subject: 'frank', email: 'frank@example.com', name: 'Frank', groups: ['it-admins'] },
      lib.portalPolicy('config/access-policy.demo.json'),
    );
    // The freeze starts once a second admin approved the wave (docs/migrations.md).
    expect(await takeStep(admin, created.waveId, 'approve')).toMatchObject({ status: 'ok' });
    const lead = lib.actorFor(
      { subject: 'bob-freeze', email: 'bob.freeze@example.com', name: 'Bob', groups: ['eng-leads'] },
      lib.portalPolicy('config/access-policy.demo.json'),
    );
    const before = resetCalls().length;
    const result = await lib.performReset(lead, input(lead, 'john.smith'), {});
    expect(result).toEqual({
      status: 'refused',
      title: 'You cannot reset this password.',
      action: 'This person is in migration wave Eng cutover until 1 Jan 2099, 09:30:00 UTC.',
    });
    expect(resetCalls().length).toBe(before);
    const [event] = await lib.latestEvents(1);
    expect(event).toMatchObject({ type: 'access.denied', errorCode: 'migration-freeze', actorSubject: 'bob-freeze' });

    expect(await lib.performReset(admin, input(admin, 'john.smith'), {})).toMatchObject({ status: 'success' });

    expect(await takeStep(alice, created.waveId, 'cancel')).toMatchObject({ status: 'ok' });
    expect(await lib.performReset(lead, input(lead, 'john.smith', 'Velvet-Orchard-Mosaic-72'), {})).toMatchObject({ status: 'success' });
  });
});
