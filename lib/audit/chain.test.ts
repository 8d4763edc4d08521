/**
 * The keyed audit chain on both backends: someone who can write the database but lacks
 * AUDIT_HMAC_KEY rewrites rows and recomputes plain SHA-256 hashes, as they could before the
 * chain was keyed; events from before keying still verify; the head is logged every N events.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKENDS, freshDatabase, rawSql, type TestDatabase } from '../../test/databases';
import { log } from '../log';
import { openDatabase, type AuditDatabase } from './db';
import { chainKey, eventHash, GENESIS } from './hash';
import { appendEvent, appendWithin, eventRow, inTransaction, passesMultiple, verifyChain, type EventRow } from './store';
import type { AuditEventInput } from './types';

process.env.AUDIT_HEAD_LOG_EVERY = '5';
const KEY = chainKey('chain-test-key-0123456789abcdef0123456789');
const key = { key: KEY, requireKeyed: true };
const actor = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin' };
const event = (n: number): AuditEventInput => ({ type: 'sign-in', actor, outcome: 'signed-in', reason: `event ${n}` });

type Row = Omit<EventRow, 'id'> & { id: number };
const rows = (url: string) => rawSql<Row>(url, 'select * from audit_events order by id');

/** What someone without the key can do: edit, then relink every later row with plain SHA-256. */
async function rewriteWithoutKey(url: string, fromId: number, reason: string, toId = Infinity) {
  let prev: string | undefined;
  for (const row of await rows(url)) {
    if (row.id < fromId || row.id > toId) {
      prev = row.hash;
      continue;
    }
    const { id, ...fields } = row;
    const forged = { ...fields, reason: id === fromId ? reason : fields.reason, prev_hash: prev ?? GENESIS, hash_key: null };
    const hash = eventHash(forged);
    await rawSql(url, 'update audit_events set reason = $1, prev_hash = $2, hash_key = null, hash = $3 where id = $4', [
      forged.reason,
      forged.prev_hash,
      hash,
      id,
    ]);
    prev = hash;
  }
}

/** Events as a release before keying wrote them: plain SHA-256, no key fingerprint. */
async function appendUnkeyed(handle: AuditDatabase, n: number) {
  await inTransaction(async (db) => {
    const last = await db.selectFrom('audit_events').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const row = { ...eventRow(event(n), new Date(), last?.hash ?? GENESIS, KEY), hash_key: null };
    await db
      .insertInto('audit_events')
      .values({ ...row, hash: eventHash(row) })
      .execute();
  }, handle);
}

describe.each(BACKENDS)('the keyed audit chain on %s', (backend) => {
  let target: TestDatabase;
  let handle: AuditDatabase;

  beforeEach(async () => {
    target = await freshDatabase(backend);
    handle = await openDatabase(target.url);
  });

  afterEach(async () => {
    await handle.close();
    await target.drop();
  });

  afterAll(() => vi.restoreAllMocks());

  it('keys every event, and finds rows rewritten with recomputed plain SHA-256 hashes', async () => {
    for (let i = 1; i <= 6; i++) await inTransaction((db) => appendWithin(db, event(i), new Date()), handle);
    // The process's key (a generated one here) wrote them; the same key verifies them.
    expect(await verifyChain(handle)).toMatchObject({ ok: true, events: 6, keyed: 6 });
    expect((await rows(target.url)).every((r) => r.hash_key !== null)).toBe(true);

    await rewriteWithoutKey(target.url, 4, 'nothing to see here');
    expect(await verifyChain(handle)).toMatchObject({
      ok: false,
      brokenAt: 4,
      problem: expect.stringContaining('not keyed, though events before it are'),
    });

    // The whole log rewritten: no keyed event is left, which a key-holding verifier refuses.
    await rewriteWithoutKey(target.url, 1, 'rewritten');
    const check = await verifyChain(handle, { requireKeyed: true });
    expect(check).toMatchObject({ ok: false, problem: expect.stringContaining('no event is keyed with AUDIT_HMAC_KEY') });
  });

  it('verifies events from before keying, then keyed ones after them, and nothing else', async () => {
    for (let i = 1; i <= 3; i++) await appendUnkeyed(handle, i);
    for (let i = 4; i <= 5; i++) await inTransaction((db) => appendWithin(db, event(i)), handle);
    expect(await verifyChain(handle, { requireKeyed: true })).toMatchObject({ ok: true, events: 5, keyed: 2 });

    // An old row edited and relinked up to the keyed events is still caught: they cannot be recomputed.
    await rewriteWithoutKey(target.url, 2, 'edited', 3);
    expect(await verifyChain(handle, { requireKeyed: true })).toMatchObject({
      ok: false,
      brokenAt: 4,
      problem: expect.stringContaining('does not follow event 3'),
    });
  });

  it('refuses a log of old events only when a key is required', async () => {
    for (let i = 1; i <= 3; i++) await appendUnkeyed(handle, i);
    expect(await verifyChain(handle, { requireKeyed: false })).toMatchObject({ ok: true, events: 3, keyed: 0 });
    expect(await verifyChain(handle, { ...key })).toMatchObject({ ok: false, problem: expect.stringContaining('no event is keyed') });
  });

  it('logs the head hash every AUDIT_HEAD_LOG_EVERY events', async () => {
    const info = vi.spyOn(log, 'info').mockImplementation(() => undefined);
    for (let i = 1; i <= 12; i++) await appendEvent(event(i), handle);
    const logged = info.mock.calls
      .filter(([fields]) => typeof fields === 'object' && fields !== null && 'auditHead' in fields)
      .map(([fields]) => fields);
    const all = await rows(target.url);
    expect(logged).toEqual([5, 10].map((id) => ({ auditHead: all.find((r) => r.id === id)!.hash, auditEventId: id })));
    info.mockRestore();
  });
});

describe('when the head is logged', () => {
  it.each([
    [0, 1, 100, false],
    [99, 100, 100, true],
    [100, 101, 100, false],
    [98, 103, 100, true],
    [4, 5, 5, true],
  ])('from id %i to %i, every %i: %s', (from, to, every, expected) => {
    expect(passesMultiple(from, to, every)).toBe(expected);
  });
});
