/**
 * The one-time link's store on both backends (docs/handover.md): the password sealed and bound to
 * its row, only the token's hash kept, a look that changes nothing, one reveal, refusals for a
 * changed row, another key, a second visit, expiry, and the reveal limit per address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, rawSql, type TestDatabase } from '../../test/databases';
import { openDatabase, type AuditDatabase } from '../audit/db';
import { latestEvents, verifyChain } from '../audit/store';
import { REVEAL_LIMIT } from './attempts';
import { handoverKey, tokenHash } from './crypto';
import { purgeHandovers } from './purge';
import { revealLink, viewLink } from './reveal';
import { createLink, stashPassword, STASH_MINUTES, type StashInput } from './stash';
import { handoverStatus } from './status';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const alice = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin' };
const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead' };
const key = handoverKey('test-handover-key-0123456789abcdef0123456789');
const otherKey = handoverKey('another-handover-key-0123456789abcdef01234');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 10, 28, 12) + ms);
let n = 0;
const input = (password: string): StashInput => {
  n++;
  return {
    actor: alice,
    organizationId: ORG,
    person: { id: `u-${n}`, email: `person${n}@example.com`, displayName: `Person ${n}` },
    signInName: `person${n}@example.com`,
    requestId: `req-${n}`,
    password,
  };
};
const client = (ip: string) => ({ clientIp: ip, userAgent: 'vitest' });

describe.each(BACKENDS)('one-time links on %s', (backend) => {
  let target: TestDatabase;
  let handle: AuditDatabase;
  const rows = (where = '') => rawSql<Record<string, string | null>>(target.url, `select * from handovers ${where}`);

  beforeAll(async () => {
    target = await freshDatabase(backend);
    handle = await openDatabase(target.url);
  });
  afterAll(async () => {
    await handle?.close();
    await target?.drop();
  });

  /** A stash with a link made by alice; the link's token. */
  async function linked(password: string, now = at(0)) {
    const ref = await stashPassword(input(password), { handle, now, key });
    const link = await createLink(alice, ref, client('203.0.113.1'), { handle, now, key });
    if (!link.ok) throw new Error(link.message);
    return { ref, token: link.token, link };
  }

  it('stores the password sealed and the token only as its hash; a look reveals and consumes nothing', async () => {
    const password = 'Quartz-Lantern-Otter-51';
    const ref = await stashPassword(input(password), { handle, now: at(0), key });
    const [stash] = await rows(`where id = '${ref}'`);
    expect(stash).toMatchObject({ token_hash: null, link_created_at: null, key_id: key.id });
    const link = await createLink(alice, ref, client('203.0.113.1'), { handle, now: at(60_000), key });
    expect(link).toMatchObject({ ok: true, url: expect.stringMatching(/^http:\/\/localhost:3000\/handover\/[A-Za-z0-9_-]{22}$/) });
    if (!link.ok) return;
    expect(link.url.endsWith(link.token)).toBe(true);
    expect(link.expiresAt).toBe(at(60_000 + 24 * HOUR).toISOString());
    const [row] = await rows(`where id = '${ref}'`);
    expect(row!.token_hash).toBe(tokenHash(link.token));
    const everything = JSON.stringify(row);
    expect(everything).not.toContain(link.token);
    expect(everything).not.toContain(password);

    expect(await viewLink(link.token, { handle, now: at(120_000) })).toEqual({
      state: 'ready',
      operatorName: 'Alice Admin',
      resetAt: at(0).toISOString(),
    });
    expect((await rows(`where id = '${ref}'`))[0]!.sealed).toBe(row!.sealed);
    const created = (await latestEvents(1, handle))[0]!;
    expect(created).toMatchObject({ type: 'handover.created', actorSubject: 'alice', outcome: 'created', requestId: `req-${n}` });
  });

  it('makes a link only for the operator who reset, only once, and only within the stash time', async () => {
    const ref = await stashPassword(input('Birch-Falcon-Meadow-22'), { handle, now: at(0), key });
    expect(await createLink(bob, ref, client('203.0.113.2'), { handle, now: at(1000), key })).toMatchObject({ ok: false });
    expect(await createLink(alice, 'no-such-reference', client('203.0.113.2'), { handle, now: at(1000), key })).toMatchObject({
      ok: false,
    });
    expect(await createLink(alice, ref, client('203.0.113.2'), { handle, now: at(1000), key })).toMatchObject({ ok: true });
    expect(await createLink(alice, ref, client('203.0.113.2'), { handle, now: at(2000), key })).toMatchObject({ ok: false });

    const late = await stashPassword(input('Cedar-Harbor-Pixel-73'), { handle, now: at(0), key });
    const after = at(STASH_MINUTES * 60_000 + 1);
    expect(await createLink(alice, late, client('203.0.113.2'), { handle, now: after, key })).toMatchObject({ ok: false });
    await purgeHandovers(after, handle);
    expect(await rows(`where id = '${late}'`)).toEqual([]);
  });

  it('reveals once, clearing the sealed password in the same transaction as its audit event', async () => {
    const password = 'Maple-Comet-Violin-48';
    const { ref, token } = await linked(password);
    const first = await revealLink(token, client('203.0.113.3'), { handle, now: at(HOUR), key });
    expect(first).toEqual({
      state: 'revealed',
      password,
      signInName: `person${n}@example.com`,
      operatorName: 'Alice Admin',
      resetAt: at(0).toISOString(),
    });
    const [row] = await rows(`where id = '${ref}'`);
    expect(row).toMatchObject({ sealed: null, revealed_at: at(HOUR).toISOString() });
    const revealed = (await latestEvents(1, handle))[0]!;
    expect(revealed).toMatchObject({ type: 'handover.revealed', outcome: 'revealed', actorSubject: 'alice', clientIp: '203.0.113.3' });
    expect(await revealLink(token, client('203.0.113.3'), { handle, now: at(HOUR + 1), key })).toEqual({
      state: 'gone',
      operatorName: 'Alice Admin',
    });
    expect(await viewLink(token, { handle, now: at(HOUR + 1) })).toEqual({ state: 'gone', operatorName: 'Alice Admin' });
    expect(await handoverStatus(ORG, `u-${n}`, handle)).toEqual({
      createdAt: at(0).toISOString(),
      expiresAt: at(24 * HOUR).toISOString(),
      openedAt: at(HOUR).toISOString(),
    });
    const audit = JSON.stringify(await rawSql(target.url, 'select * from audit_events'));
    expect(audit).not.toContain(password);
    expect(audit).not.toContain(token);
    expect(await verifyChain(handle, { key: undefined, requireKeyed: false })).toMatchObject({ ok: true });
  });

  it('refuses the operator who made the link, signed in on this browser: audited, and the link still works for the person', async () => {
    const password = 'Harbor-Lilac-Summit-63';
    const { ref, token } = await linked(password);
    const own = await revealLink(token, client('203.0.113.5'), { handle, now: at(HOUR), key, viewerSubject: 'alice' });
    expect(own).toEqual({ state: 'own-link' });
    expect(JSON.stringify(own)).not.toContain(password);
    expect((await rows(`where id = '${ref}'`))[0]).toMatchObject({ revealed_at: null });
    expect((await latestEvents(1, handle))[0]).toMatchObject({
      type: 'handover.revealed',
      outcome: 'refused',
      errorCode: 'own-link',
      actorSubject: 'alice',
    });
    const person = await revealLink(token, client('203.0.113.6'), { handle, now: at(HOUR + 1), key, viewerSubject: 'someone-else' });
    expect(person).toMatchObject({ state: 'revealed', password });
  });

  it('refuses a changed ciphertext, a ciphertext moved to another row, and another key, keeping the secret to expire', async () => {
    const changed = await linked('Olive-Rocket-Tundra-17');
    const [row] = await rows(`where id = '${changed.ref}'`);
    const flipped = row!.sealed!.slice(0, -2) + (row!.sealed!.endsWith('A') ? 'B' : 'A') + row!.sealed!.slice(-1);
    await rawSql(target.url, 'update handovers set sealed = $1 where id = $2', [flipped, changed.ref]);
    expect(await revealLink(changed.token, client('203.0.113.4'), { handle, now: at(HOUR), key })).toMatchObject({ state: 'gone' });
    expect((await latestEvents(1, handle))[0]).toMatchObject({ type: 'handover.revealed', outcome: 'failed', errorCode: 'changed' });

    const donor = await linked('Pebble-Summit-Walrus-66');
    const moved = await linked('Amber-Garden-Zephyr-90');
    const [sealed] = await rows(`where id = '${donor.ref}'`);
    await rawSql(target.url, 'update handovers set sealed = $1 where id = $2', [sealed!.sealed, moved.ref]);
    expect(await revealLink(moved.token, client('203.0.113.4'), { handle, now: at(HOUR), key })).toMatchObject({ state: 'gone' });

    const rotated = await linked('Copper-Island-Mango-35');
    expect(await revealLink(rotated.token, client('203.0.113.4'), { handle, now: at(HOUR), key: otherKey })).toMatchObject({
      state: 'gone',
    });
    expect((await latestEvents(1, handle))[0]).toMatchObject({ outcome: 'failed', errorCode: 'other-key' });
    expect((await rows(`where id = '${rotated.ref}'`))[0]!.sealed).not.toBeNull();
    // With the right key it still opens: nothing was consumed by the failures.
    expect(await revealLink(rotated.token, client('203.0.113.4'), { handle, now: at(HOUR), key })).toMatchObject({
      state: 'revealed',
      password: 'Copper-Island-Mango-35',
    });
  });

  it('refuses an expired link, and the purge clears it once with a handover.expired event', async () => {
    const { ref, token } = await linked('Delta-Kiwi-Saturn-29');
    const after = at(24 * HOUR + 1);
    expect(await viewLink(token, { handle, now: after })).toEqual({ state: 'gone', operatorName: 'Alice Admin' });
    expect(await revealLink(token, client('203.0.113.5'), { handle, now: after, key })).toMatchObject({ state: 'gone' });
    const before = (await latestEvents(1, handle))[0]!.id;
    await purgeHandovers(after, handle);
    await purgeHandovers(after, handle);
    const events = (await latestEvents(50, handle)).filter((e) => e.id > before);
    expect(events.filter((e) => e.type === 'handover.expired' && e.personId === `u-${n}`)).toHaveLength(1);
    expect((await rows(`where id = '${ref}'`))[0]).toMatchObject({ sealed: null, expired_at: after.toISOString() });
    expect(await handoverStatus(ORG, `u-${n}`, handle)).toMatchObject({ expiredAt: after.toISOString() });
  });

  it('says an unknown or malformed token is gone, without naming anyone', async () => {
    expect(await viewLink('A'.repeat(22), { handle })).toEqual({ state: 'gone' });
    expect(await viewLink('../../etc/passwd', { handle })).toEqual({ state: 'gone' });
    expect(await revealLink('A'.repeat(22), client('203.0.113.6'), { handle, key })).toEqual({ state: 'gone' });
  });

  it(`limits reveal attempts to ${REVEAL_LIMIT} per address and quarter hour`, async () => {
    const { token } = await linked('Echo-Lotus-Granite-84');
    const now = at(2 * HOUR);
    for (let i = 0; i < REVEAL_LIMIT; i++) await revealLink('B'.repeat(22), client('198.51.100.7'), { handle, now, key });
    const limited = await revealLink(token, client('198.51.100.7'), { handle, now, key });
    expect(limited).toMatchObject({ state: 'limited' });
    expect((await latestEvents(1, handle))[0]).toMatchObject({
      type: 'rate.limited',
      errorCode: 'rate-limit-handover',
      clientIp: '198.51.100.7',
    });
    // Another address is not held back, and the link was not consumed.
    expect(await revealLink(token, client('198.51.100.8'), { handle, now, key })).toMatchObject({ state: 'revealed' });
  });
});
