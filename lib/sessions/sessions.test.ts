/**
 * Session records on both backends: created with encrypted tokens and a hashed id, ended once
 * however many instances try, revoked per operator with one audit event, never revived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTwoInstances, openTwoInstances } from '../../test/two-instances';
import { BACKENDS, rawSql, type TestDatabase } from '../../test/databases';
import type { AuditDatabase } from '../audit/db';
import { latestEvents, verifyChain } from '../audit/store';
import { createSession, endSession, endSessionsOf, readSession, saveGroups, touchSession } from './store';

const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead', groups: ['eng-leads'] };
const alice = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin', groups: ['it-admins'] };
const tokens = {
  accessToken: 'access-token-VALUE-1',
  refreshToken: 'refresh-token-VALUE-1',
  accessTokenExpiresAt: Date.UTC(2026, 0, 1, 13),
};
const NOW = Date.UTC(2026, 0, 1, 12);

describe.each(BACKENDS)('session records on %s', (backend) => {
  let target: TestDatabase;
  let one: AuditDatabase;
  let two: AuditDatabase;

  beforeAll(async () => ({ target, one, two } = await openTwoInstances(backend)));
  afterAll(() => closeTwoInstances({ target, one, two }));

  it('stores a sign-in under a hash of its id, with the tokens encrypted, and reads it back', async () => {
    const id = await createSession(bob, tokens, 8 * 3600, one, NOW);
    expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(await readSession(id, two)).toMatchObject({
      ...bob,
      ...tokens,
      createdAt: NOW,
      lastSeenAt: NOW,
      expiresAt: NOW + 8 * 3600_000,
      groupsRefreshedAt: NOW,
    });
    const rows = await rawSql<Record<string, string>>(target.url, 'select * from sessions');
    const stored = JSON.stringify(rows);
    for (const secret of [id, tokens.accessToken, tokens.refreshToken]) expect(stored).not.toContain(secret);
    expect(await readSession('not-a-session', one)).toBeUndefined();
  });

  it('records activity and new groups until the session ends, and not after', async () => {
    const id = await createSession(bob, tokens, 3600, one, NOW);
    await touchSession(id, one, NOW + 90_000);
    await saveGroups(id, ['sales-leads'], 'lead', { accessToken: 'access-token-VALUE-2' }, two, NOW + 90_000);
    expect(await readSession(id, one)).toMatchObject({
      lastSeenAt: NOW + 90_000,
      groups: ['sales-leads'],
      groupsRefreshedAt: NOW + 90_000,
      accessToken: 'access-token-VALUE-2',
    });
    await endSession(id, 'idle', one, NOW + 100_000);
    await touchSession(id, one, NOW + 200_000);
    await saveGroups(id, ['it-admins'], 'admin', undefined, one, NOW + 200_000);
    const ended = await readSession(id, one);
    expect(ended).toMatchObject({ endReason: 'idle', lastSeenAt: NOW + 90_000, groups: ['sales-leads'] });
    // The provider's tokens are of no use once the session has ended: they are not kept.
    expect(ended?.accessToken).toBeUndefined();
    expect(ended?.refreshToken).toBeUndefined();
  });

  it('ends a session once when two instances end it together, with one audit event', async () => {
    const id = await createSession(bob, tokens, 3600, one, NOW);
    const results = await Promise.all([endSession(id, 'signed-out', one), endSession(id, 'signed-out', two), endSession(id, 'idle', two)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const [event] = await latestEvents(1, one);
    expect(event).toMatchObject({ actorSubject: 'bob', actorRole: 'lead' });
    expect(['session.revoked', 'session.expired']).toContain(event!.type);
    expect(await readSession(id, two)).toMatchObject({ endReason: event!.outcome });
  });

  it('ends every live session of one operator, and only theirs, with one audit event', async () => {
    const bobs = [await createSession(bob, tokens, 3600, one, NOW), await createSession(bob, {}, 3600, two, NOW)];
    const alices = await createSession(alice, tokens, 3600, one, NOW);
    const before = (
      await rawSql<{ n: number | string }>(target.url, `select count(*) as n from sessions where subject = 'bob' and ended_at is null`)
    )[0]!;
    expect(await endSessionsOf('bob', 'laptop lost', two)).toBe(Number(before.n));
    for (const id of bobs) expect((await readSession(id, one))?.endReason).toBe('revoked');
    expect((await readSession(alices, one))?.endReason).toBeUndefined();
    const [event] = await latestEvents(1, one);
    expect(event).toMatchObject({
      type: 'session.revoked',
      actorSubject: 'system:sessions-revoke',
      personId: 'bob',
      personEmail: 'bob@example.com',
      outcome: 'revoked',
    });
    expect(event!.reason).toMatch(/^Ended \d+ sessions of bob: laptop lost\.$/);
    expect(await endSessionsOf('bob', '', one)).toBe(0);
    expect(await verifyChain(one)).toMatchObject({ ok: true });
  });

  it('clears rows a day past their absolute limit when the next session starts', async () => {
    const old = await createSession(alice, {}, 3600, one, NOW - 3 * 86_400_000);
    await createSession(alice, {}, 3600, one, NOW);
    expect(await readSession(old, one)).toBeUndefined();
  });
});
