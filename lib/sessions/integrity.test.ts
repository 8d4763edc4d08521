/**
 * Session rows under an HMAC (lib/sessions/record-mac.ts), on both backends: a row edited with
 * plain SQL by someone without NEXTAUTH_SECRET reads as no session, an ended row stays ended
 * whatever is cleared, and the portal's own writes keep the row valid.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeTwoInstances, openTwoInstances } from '../../test/two-instances';
import { BACKENDS, rawSql, type TestDatabase } from '../../test/databases';
import type { AuditDatabase } from '../audit/db';
import { log } from '../log';
import { createSession, endSession, endSessionsOf, readSession, saveGroups, touchSession } from './store';

const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead', groups: ['eng-leads'] };
const alice = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin', groups: ['it-admins'] };
const NOW = Date.UTC(2026, 0, 1, 12);
const LATER = new Date(NOW + 7 * 86_400_000).toISOString();

describe.each(BACKENDS)('session record integrity on %s', (backend) => {
  let target: TestDatabase;
  let one: AuditDatabase;
  let two: AuditDatabase;
  const edit = (statement: string, params: unknown[] = []) => rawSql(target.url, statement, params);
  const rowKey = async (subject: string) =>
    (await edit(`select id from sessions where subject = $1 order by created_at desc`, [subject]))[0]!.id as string;

  beforeAll(async () => ({ target, one, two } = await openTwoInstances(backend)));
  afterAll(() => closeTwoInstances({ target, one, two }));

  it.each([
    ['groups', `update sessions set groups = '["it-admins"]' where id = $1`],
    ['role', `update sessions set role = 'admin' where id = $1`],
    ['expires_at', `update sessions set expires_at = '${LATER}' where id = $1`],
    ['last_seen_at', `update sessions set last_seen_at = '${LATER}' where id = $1`],
  ])('a row whose %s was edited outside the portal is no session, and is not written again', async (column, statement) => {
    const id = await createSession({ ...bob, subject: `bob-${column}` }, {}, 3600, one, NOW);
    const key = await rowKey(`bob-${column}`);
    expect(await readSession(id, two)).toMatchObject({ groups: ['eng-leads'] });
    await edit(statement, [key]);
    const warn = vi.spyOn(log, 'warn');
    expect(await readSession(id, two)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith({ sessionKey: key.slice(0, 12) }, expect.stringContaining('failed its integrity check'));
    expect(JSON.stringify(warn.mock.calls)).not.toContain(id);
    warn.mockRestore();
    // The portal's own writes do not put a fresh MAC over the edit.
    await touchSession(id, one, NOW + 60_000);
    await saveGroups(id, ['it-admins'], 'admin', undefined, two, NOW + 60_000);
    expect(await readSession(id, one)).toBeUndefined();
    // Signing out still ends it, and the audit event says the row's names are not the sign-in's.
    expect(await endSession(id, 'signed-out', two, NOW + 120_000)).toBe(true);
    const [event] = await edit(`select reason from audit_events where actor_subject = $1`, [`bob-${column}`]);
    expect(event).toEqual({ reason: expect.stringContaining('edited outside the portal') });
  });

  it('does not accept the MAC of another row, even one of the same person made at the same time', async () => {
    const carol = { subject: 'carol', email: 'carol@example.com', name: 'Carol Lead' };
    const leads = await createSession({ ...carol, role: 'lead', groups: ['eng-leads'] }, {}, 3600, one, NOW);
    await createSession({ ...carol, role: 'admin', groups: ['it-admins'] }, {}, 3600, one, NOW);
    const [admin] = await edit(`select * from sessions where subject = 'carol' and role = 'admin'`);
    await edit(`update sessions set groups = $1, role = $2, mac = $3 where subject = 'carol' and role = 'lead'`, [
      admin!.groups,
      admin!.role,
      admin!.mac,
    ]);
    expect(await readSession(leads, two)).toBeUndefined();
  });

  it('keeps a row valid through activity and new groups, also from two instances at once', async () => {
    const id = await createSession(bob, {}, 3600, one, NOW);
    await Promise.all([
      touchSession(id, one, NOW + 60_000),
      saveGroups(id, ['sales-leads'], 'lead', { accessToken: 'access-token-VALUE-3' }, two, NOW + 60_000),
    ]);
    await touchSession(id, two, NOW + 120_000);
    expect(await readSession(id, one)).toMatchObject({
      lastSeenAt: NOW + 120_000,
      groups: ['sales-leads'],
      groupsRefreshedAt: NOW + 60_000,
      accessToken: 'access-token-VALUE-3',
    });
    expect((await readSession(id, two))?.endReason).toBeUndefined();
  });

  it('keeps an ended session ended when ended_at is cleared, and does not end or audit it twice', async () => {
    const id = await createSession({ ...bob, subject: 'bob-ended' }, {}, 3600, one, NOW);
    expect(await endSession(id, 'signed-out', one, NOW + 1000)).toBe(true);
    const key = await rowKey('bob-ended');
    expect(await edit(`select mac from sessions where id = $1`, [key])).toEqual([{ mac: 'ended' }]);
    await edit(`update sessions set ended_at = null, end_reason = null, last_seen_at = $1 where id = $2`, [
      new Date(NOW + 2000).toISOString(),
      key,
    ]);
    expect(await readSession(id, two)).toMatchObject({ endReason: 'ended' });
    expect(await endSession(id, 'signed-out', two, NOW + 3000)).toBe(false);
    expect(await endSessionsOf('bob-ended', '', two, NOW + 3000)).toBe(0);
    const events = await edit(`select type from audit_events where actor_subject = 'bob-ended'`);
    expect(events).toEqual([{ type: 'session.revoked' }]);
  });

  it('keeps a revoked session ended when ended_at is cleared', async () => {
    const id = await createSession(alice, {}, 3600, one, NOW);
    await endSessionsOf('alice', 'laptop lost', two, NOW + 1000);
    await edit(`update sessions set ended_at = null, end_reason = null where subject = 'alice'`);
    expect(await readSession(id, one)).toMatchObject({ endReason: 'ended' });
  });

  it('counts a row from before migration 006 (no MAC) as ended, and lets it be signed out', async () => {
    const id = await createSession({ ...bob, subject: 'legacy' }, {}, 3600, one, NOW);
    await edit(`update sessions set mac = null where subject = 'legacy'`);
    expect(await readSession(id, two)).toMatchObject({ endReason: 'ended' });
    expect(await endSession(id, 'signed-out', two, NOW + 1000)).toBe(true);
    expect(await edit(`select reason from audit_events where actor_subject = 'legacy'`)).toEqual([{ reason: null }]);
  });
});
