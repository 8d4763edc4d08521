/**
 * Migration waves against the real WorkMail emulator (HTTP, SigV4) on both databases: the preview
 * (groups with nesting, a pasted list with unknown names, can()'s exclusions), the bad inputs, four
 * eyes, the run and its one export (every password is what WorkMail holds), resuming after a crash
 * without a second reset, and the freeze of single resets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulators/workmail/server';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';
import { workmailEnvironment } from '../../scripts/demo-env';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../test/databases';
import type { Actor } from '../access/actor';
import type { AuditDatabase } from '../audit/db';
import type { NewWaveInput } from './schema';

const ORG = EXAMPLE_ORG_ID;
let emulator: RunningEmulator;
let lib: typeof import('./create') &
  typeof import('./steps') &
  typeof import('./run') &
  typeof import('./export') &
  typeof import('./freeze') &
  typeof import('./store') &
  typeof import('./reset-member') &
  typeof import('../audit/db') &
  typeof import('../audit/store') &
  typeof import('../access/actor') &
  typeof import('../portal');
let alice: Actor;
let frank: Actor;
let bob: Actor;

const resetCalls = () => emulator.state.calls.list({ operation: 'ResetPassword' });
const verify = async (userId: string, password: string) =>
  (
    (await (
      await fetch(`${emulator.url}/__control/verify-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organizationId: ORG, userId, password }),
      })
    ).json()) as { match: boolean }
  ).match;

const input = (extra: Partial<NewWaveInput>): NewWaveInput => ({
  name: 'Pilot',
  organization: 'example',
  groups: [],
  list: [],
  format: 'm365-imap',
  freezeFrom: new Date(Date.now() - 60_000).toISOString(),
  freezeUntil: new Date(Date.now() + 3_600_000).toISOString(),
  ...extra,
});

beforeAll(async () => {
  emulator = await startEmulator({});
  Object.assign(process.env, {
    ...workmailEnvironment(emulator.url),
    DATABASE_URL: 'file:./data/unused-waves-test.db',
    ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
    NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdef',
    WAVE_MAX_PEOPLE: '21',
    WAVE_RESETS_PER_SECOND: '100',
  });
  lib = {
    ...(await import('./create')),
    ...(await import('./steps')),
    ...(await import('./run')),
    ...(await import('./export')),
    ...(await import('./freeze')),
    ...(await import('./store')),
    ...(await import('./reset-member')),
    ...(await import('../audit/db')),
    ...(await import('../audit/store')),
    ...(await import('../access/actor')),
    ...(await import('../portal')),
  };
  const policy = lib.portalPolicy('config/access-policy.demo.json');
  alice = lib.actorFor({ subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', groups: ['it-admins'] }, policy);
  frank = lib.actorFor({ subject: 'frank', email: 'frank@example.com', name: 'Frank Admin', groups: ['it-admins'] }, policy);
  bob = lib.actorFor({ subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', groups: ['eng-leads'] }, policy);
});

afterAll(() => emulator.close());

it('a runner’s lease outlasts the longest stretch between its renewals (a lookup of a few calls at their bound)', () => {
  expect(lib.LEASE_MS).toBeGreaterThan(3 * 8_000);
});

describe.each(BACKENDS)('migration waves on %s', (backend) => {
  let target: TestDatabase;
  let h: AuditDatabase;
  beforeAll(async () => {
    target = await freshDatabase(backend);
    h = await lib.openDatabase(target.url);
  });
  afterAll(async () => {
    await h.close();
    await target.drop();
  });

  const created = async (extra: Partial<NewWaveInput>) => {
    const result = await lib.createWave(alice, input(extra), h);
    if (result.status !== 'ok') throw new Error(result.message);
    return result.waveId;
  };
  const events = (waveId: string) => h.db.selectFrom('audit_events').selectAll().where('wave_id', '=', waveId).orderBy('id').execute();

  it('previews a group with its nested members, and excludes who cannot be reset, with the reason', async () => {
    const id = await created({ groups: ['engineering'] });
    const members = await lib.waveMembers(h.db, id);
    const by = (username: string) => members.find((m) => m.username === username);
    expect(by('priya.patel')).toMatchObject({ state: 'pending' }); // through the nested group platform
    expect(by('erin.exec')).toMatchObject({ state: 'pending' }); // protected, but alice is an admin
    expect(by('sam.lee')).toMatchObject({ state: 'excluded', reason: expect.stringMatching(/disabled/i) });
    expect(by('maria.garcia')).toBeUndefined();
  });

  it('lists unknown names of a pasted list, and excludes the creator and non-people', async () => {
    const id = await created({ list: ['jane.doe', 'ALICE@example.com', 'conf.room.1', 'nobody.here'] });
    const members = await lib.waveMembers(h.db, id);
    expect(members.map((m) => [m.username, m.state, m.reason])).toEqual([
      ['alice', 'excluded', 'You cannot reset your own mailbox here. Use your normal password change.'],
      ['conf.room.1', 'excluded', 'This is a resource mailbox (a room or equipment), not a person.'],
      ['jane.doe', 'pending', undefined],
      ['nobody.here', 'excluded', 'Not found in this organization.'],
    ]);
  });

  it('refuses an empty wave, one over WAVE_MAX_PEOPLE, an unknown group and a lead, each audited', async () => {
    const refused = async (actor: Actor, extra: Partial<NewWaveInput>) => lib.createWave(actor, input(extra), h);
    expect(await refused(alice, { list: ['nobody.here', 'sam.lee'] })).toMatchObject({
      status: 'refused',
      message: 'Nobody in this wave can be reset: there is nothing to run.',
    });
    expect(await refused(alice, { groups: ['engineering', 'sales'] })).toMatchObject({
      message: expect.stringMatching(/has \d+ people; at most 21/),
    });
    expect(await refused(alice, { groups: ['no-such-group'] })).toMatchObject({
      message: expect.stringMatching(/not in this organization/),
    });
    expect(await refused(bob, { list: ['jane.doe'] })).toMatchObject({ status: 'refused' });
    const codes = await h.db.selectFrom('audit_events').select('error_code').where('type', '=', 'wave.refused').orderBy('id').execute();
    expect(codes.map((c) => c.error_code).slice(-4)).toEqual(['empty', 'too-many', 'lookup-group-not-found', 'not-an-admin']);
  });

  it('runs a wave approved by a second admin, and exports it once: every password is what WorkMail holds', async () => {
    const id = await created({ list: ['jane.doe', 'john.smith', 'priya.patel'] });
    expect(await lib.takeStep(alice, id, 'run', h)).toMatchObject({
      status: 'refused',
      message: expect.stringMatching(/not been approved/),
    });
    expect(await lib.takeStep(alice, id, 'approve', h)).toMatchObject({
      status: 'refused',
      message: 'You created this wave: another admin must approve it.',
    });
    expect(await lib.takeStep(frank, id, 'approve', h)).toEqual({ status: 'ok', waveId: id });
    expect((await lib.findWave(h.db, id))!.approvedBy).toEqual({ subject: 'frank', name: 'Frank Admin' });
    expect(await lib.takeStep(alice, id, 'run', h)).toEqual({ status: 'ok', waveId: id });
    const before = resetCalls().length;
    await lib.runWave(id, h);
    expect(resetCalls().length - before).toBe(3);
    expect(await lib.waveProgress(h.db, (await lib.findWave(h.db, id))!)).toMatchObject({
      state: 'finished',
      done: 3,
      failed: 0,
      remaining: 0,
    });

    expect(await lib.takeExport(bob, id, h)).toMatchObject({ status: 'refused' });
    const exported = await lib.takeExport(alice, id, h);
    if (exported.status !== 'ok') throw new Error(exported.message);
    const [header, ...rows] = exported.csv.trim().split('\r\n');
    expect(header).toBe('EmailAddress,UserName,Password');
    expect(rows).toHaveLength(3);
    for (const line of rows) {
      const [email, , password] = line.split(',');
      const user = [...emulator.state.organizations.get(ORG)!.users.values()].find((u) => u.email === email)!;
      expect(await verify(user.id, password!), email).toBe(true);
    }
    expect(await lib.takeExport(alice, id, h)).toMatchObject({ status: 'refused', refusal: 'already-downloaded' });
    expect(await lib.takeExport(frank, id, h)).toMatchObject({ status: 'refused', refusal: 'already-downloaded' });
    const secrets = await h.db
      .selectFrom('migration_wave_people')
      .select('secret')
      .where('wave_id', '=', id)
      .where('secret', 'is not', null)
      .execute();
    expect(secrets).toEqual([]);

    const audited = await events(id);
    const succeeded = audited.filter((e) => e.type === 'password.reset.succeeded');
    expect(succeeded.map((e) => e.person_email).sort()).toEqual([
      'jane.doe@example.com',
      'john.smith@example.com',
      'priya.patel@example.com',
    ]);
    expect(audited.map((e) => e.type)).toEqual(
      expect.arrayContaining(['wave.created', 'wave.approved', 'wave.started', 'wave.finished', 'wave.exported']),
    );
    expect(audited.filter((e) => e.type === 'wave.refused').map((e) => e.error_code)).toEqual(
      expect.arrayContaining(['not-approved', 'own-wave', 'export-already-downloaded']),
    );
    expect(await lib.verifyChain(h, { requireKeyed: false })).toMatchObject({ ok: true });
  });

  it('refuses a download after its window, audited, and deletes the passwords it held', async () => {
    const id = await created({ list: ['tom.brown'] });
    await lib.takeStep(frank, id, 'approve', h);
    await lib.takeStep(alice, id, 'run', h);
    await lib.runWave(id, h);
    const held = () =>
      h.db.selectFrom('migration_wave_people').select('secret').where('wave_id', '=', id).where('secret', 'is not', null).execute();
    expect(await held()).toHaveLength(1);
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await lib.takeExport(alice, id, h, later)).toMatchObject({ status: 'refused', refusal: 'expired' });
    expect(await held()).toEqual([]);
    expect((await events(id)).at(-1)).toMatchObject({ type: 'wave.refused', error_code: 'export-expired' });
  });

  it('lets either admin cancel before the run, and refuses approval after', async () => {
    const id = await created({ list: ['jane.doe'] });
    expect(await lib.takeStep(alice, id, 'cancel', h)).toEqual({ status: 'ok', waveId: id });
    expect(await lib.takeStep(frank, id, 'approve', h)).toMatchObject({ status: 'refused', message: 'This wave was cancelled.' });
  });

  it('claims a person once: two runners at the same person make one reset', async () => {
    const id = await created({ list: ['tom.brown'] });
    await lib.takeStep(frank, id, 'approve', h);
    await lib.takeStep(alice, id, 'run', h);
    const wave = (await lib.findWave(h.db, id))!;
    const [member] = await lib.waveMembers(h.db, id);
    const before = resetCalls().length;
    const results = await Promise.all([
      lib.resetMember(h, wave, member!, alice, 'Bafo-Kizu-Deta-Momi-Ruvo-42'),
      lib.resetMember(h, wave, member!, alice, 'Gade-Hino-Kufa-Lomi-Navo-57'),
    ]);
    expect(results.sort()).toEqual(['skipped', 'succeeded']);
    expect(resetCalls().length - before).toBe(1);
  });

  it('renews the runner’s lease before each attempt and back-off of a throttled person', async () => {
    const id = await created({ list: ['priya.patel'] });
    await lib.takeStep(frank, id, 'approve', h);
    await lib.takeStep(alice, id, 'run', h);
    const wave = (await lib.findWave(h.db, id))!;
    const [member] = await lib.waveMembers(h.db, id);
    // The SDK's own three attempts throttled: the person waits one back-off and is tried again.
    emulator.state.faults.add({ operation: 'ResetPassword', error: 'ThrottlingException', status: 400, times: 3 });
    let renewals = 0;
    const result = await lib.resetMember(h, wave, member!, alice, 'Bafo-Kizu-Deta-Momi-Ruvo-43', undefined, async () => {
      renewals++;
    });
    expect(result).toBe('succeeded');
    expect(renewals).toBe(3);
  });

  it('resumes after a crash: the person claimed when it stopped is never reset again, the rest are', async () => {
    const id = await created({ list: ['jane.doe', 'john.smith', 'priya.patel'] });
    await lib.takeStep(frank, id, 'approve', h);
    await lib.takeStep(alice, id, 'run', h);
    // As a runner that died: it held the lease (now lapsed) and had claimed the first person.
    await h.db
      .updateTable('migration_waves')
      .set({ runner_id: 'gone', runner_lease_until: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    await h.db.updateTable('migration_wave_people').set({ state: 'claimed' }).where('wave_id', '=', id).where('position', '=', 0).execute();
    const [first] = await lib.waveMembers(h.db, id);
    const before = resetCalls().length;
    await lib.runWave(id, h);
    const calls = resetCalls().slice(before);
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => (c.input as { UserId?: string }).UserId)).not.toContain(first!.personId);
    const members = await lib.waveMembers(h.db, id);
    expect(members[0]).toMatchObject({ state: 'failed', reason: lib.INTERRUPTED });
    expect(members.slice(1).map((m) => m.state)).toEqual(['succeeded', 'succeeded']);
    // A second runner finds nothing left to do.
    await lib.runWave(id, h);
    expect(resetCalls().length - before).toBe(2);
  });

  it('does not run while another live runner holds the lease', async () => {
    const id = await created({ list: ['jane.doe'] });
    await lib.takeStep(frank, id, 'approve', h);
    await lib.takeStep(alice, id, 'run', h);
    await h.db
      .updateTable('migration_waves')
      .set({ runner_id: 'other', runner_lease_until: new Date(Date.now() + 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    const before = resetCalls().length;
    await lib.runWave(id, h);
    expect(resetCalls().length).toBe(before);
  });

  it('freezes single resets of its people for everyone but admins, until its end or its cancellation', async () => {
    const id = await created({ name: 'Eng freeze', list: ['john.smith'] });
    const john = (await lib.waveMembers(h.db, id))[0]!.personId!;
    // Awaiting approval it freezes no one: one admin alone cannot lock people out of single resets.
    expect((await lib.freezeFor(bob, ORG, john, new Date(), h))?.waveId).not.toBe(id);
    await lib.takeStep(frank, id, 'approve', h);
    expect(await lib.freezeFor(bob, ORG, john, new Date(), h)).toEqual({
      waveId: id,
      text: expect.stringMatching(/^in migration wave Eng freeze until \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} UTC$/),
    });
    expect(await lib.freezeFor(alice, ORG, john, new Date(), h)).toBeUndefined();
    expect(await lib.freezeFor(bob, ORG, john, new Date(Date.now() + 7_200_000), h)).toBeUndefined();
    await lib.takeStep(alice, id, 'cancel', h);
    // The earlier waves of this file hold john.smith too, until their own ends: only this one is asked about.
    const still = await lib.freezeFor(bob, ORG, john, new Date(), h);
    expect(still?.waveId).not.toBe(id);
  });
});
