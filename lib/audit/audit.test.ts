/**
 * The audit log and the rate limits on both backends, SQLite and PostgreSQL, through the same
 * code: the hash chain under concurrent writers (two handles stand for two instances), tampering
 * found by editing and deleting rows directly, the retention cut, the /audit filters and scopes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTwoInstances, openTwoInstances } from '../../test/two-instances';
import { BACKENDS, freshDatabase, rawSql, type TestDatabase } from '../../test/databases';
import { openDatabase, type AuditDatabase } from './db';
import { parseAuditFilter, type AuditFilter } from './filter';
import { eachEvent, findEvents } from './query';
import { purgeBefore } from './retention';
import { appendEvent, appendWithin, inTransaction, latestEvents, verifyChain } from './store';
import { reserveReset } from '../reset/rate-limit';
import type { AuditEventInput } from './types';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';

const alice = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin' };
const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead' };
const ORG = EXAMPLE_ORG_ID;
const person = (n: number) => ({ id: `u-${n}`, email: `person${n}@example.com`, name: `Person ${n}` });
const succeeded = (actor = alice, n = 1): AuditEventInput => ({
  type: 'password.reset.succeeded',
  actor,
  organizationId: ORG,
  person: person(n),
  outcome: 'succeeded',
});
const filter = (params: Record<string, string>): AuditFilter => {
  const parsed = parseAuditFilter(params);
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  return parsed.filter;
};

describe.each(BACKENDS)('the audit log on %s', (backend) => {
  let target: TestDatabase;
  let one: AuditDatabase;
  let two: AuditDatabase;

  beforeAll(async () => ({ target, one, two } = await openTwoInstances(backend)));
  afterAll(() => closeTwoInstances({ target, one, two }));

  it('keeps one chain when two writers append 200 events at once', async () => {
    await Promise.all(Array.from({ length: 200 }, (_, i) => appendEvent(succeeded(i % 2 ? alice : bob, i), i % 2 ? one : two)));
    const check = await verifyChain(one);
    expect(check).toMatchObject({ ok: true, events: 200 });
    const ids = (await latestEvents(500, two)).map((e) => e.id).sort((a, b) => a - b);
    expect(new Set(ids).size).toBe(200);
  });

  it('migrates once: opening the same database again changes nothing', async () => {
    const again = await openDatabase(target.url);
    expect(await verifyChain(again)).toMatchObject({ ok: true, events: 200 });
    await again.close();
  });

  it('names the event that was edited in the database, and the one after a deleted event', async () => {
    const [newest, middle, older] = await latestEvents(3, one);
    await rawSql(target.url, 'update audit_events set actor_email = $1 where id = $2', ['mallory@example.com', middle!.id]);
    expect(await verifyChain(one)).toMatchObject({ ok: false, brokenAt: middle!.id, problem: 'this event was changed' });
    await rawSql(target.url, 'update audit_events set actor_email = $1 where id = $2', [middle!.actorEmail, middle!.id]);
    expect(await verifyChain(one)).toMatchObject({ ok: true });

    await rawSql(target.url, 'delete from audit_events where id = $1', [middle!.id]);
    const check = await verifyChain(one);
    expect(check).toMatchObject({ ok: false, brokenAt: newest!.id });
    expect(check.ok || check.problem).toContain(`does not follow event ${older!.id}`);
  });

  it('counts the per-person limit across both writers: 3 of 12 concurrent attempts pass', async () => {
    const requested: AuditEventInput = {
      type: 'password.reset.requested',
      actor: alice,
      organizationId: ORG,
      person: person(999),
      outcome: 'requested',
    };
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => reserveReset(requested, { perActor: 1000, perTarget: 3 }, new Date(), i % 2 ? one : two)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(9);
    expect(refused.every((r) => !r.ok && r.scope === 'person' && r.retryAt.getTime() > Date.now())).toBe(true);
    const events = (await latestEvents(12, one)).map((e) => e.type);
    expect(events.filter((t) => t === 'rate.limited')).toHaveLength(9);
  });

  it('counts the per-operator limit across both writers', async () => {
    const carol = { ...alice, subject: 'carol', email: 'carol@example.com' };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        reserveReset(
          { type: 'password.reset.requested', actor: carol, organizationId: ORG, person: person(500 + i), outcome: 'requested' },
          { perActor: 5, perTarget: 3 },
          new Date(),
          i % 2 ? one : two,
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.scope === 'operator')).toHaveLength(3);
  });
});

describe.each(BACKENDS)('retention and the /audit queries on %s', (backend) => {
  let target: TestDatabase;
  let handle: AuditDatabase;
  const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12));

  beforeAll(async () => {
    target = await freshDatabase(backend);
    handle = await openDatabase(target.url);
    // Ten days of events, one a day: alice resets person 1..10; bob fails on day 5 and is denied on day 7.
    for (let d = 1; d <= 10; d++) {
      await inTransaction((db) => appendWithin(db, succeeded(alice, d), day(d)), handle);
      if (d === 5)
        await inTransaction(
          (db) =>
            appendWithin(
              db,
              { ...succeeded(bob, 50), type: 'password.reset.failed', outcome: 'failed', errorCode: 'InvalidPasswordException' },
              day(d),
            ),
          handle,
        );
      if (d === 7)
        await inTransaction(
          (db) => appendWithin(db, { ...succeeded(bob, 70), type: 'access.denied', outcome: 'denied', errorCode: 'protected' }, day(d)),
          handle,
        );
    }
  });

  afterAll(async () => {
    await handle?.close();
    await target?.drop();
  });

  it('filters by operator, person, outcome and dates, for admins and for a lead', async () => {
    const all = { kind: 'all' } as const;
    expect((await findEvents(filter({}), all, handle)).total).toBe(12);
    expect((await findEvents(filter({ operator: 'BOB@' }), all, handle)).total).toBe(2);
    expect((await findEvents(filter({ person: 'PERSON7@' }), all, handle)).events.map((e) => e.personId)).toEqual(['u-7']);
    expect((await findEvents(filter({ outcome: 'failed' }), all, handle)).events[0]).toMatchObject({
      actorSubject: 'bob',
      errorCode: 'InvalidPasswordException',
    });
    expect((await findEvents(filter({ from: '2026-01-03', to: '2026-01-05' }), all, handle)).total).toBe(4);
    // % and _ are literal text, not wildcards.
    expect((await findEvents(filter({ person: '%' }), all, handle)).total).toBe(0);
    const own = await findEvents(filter({}), { kind: 'own', subject: 'bob' }, handle);
    expect(own.events.map((e) => e.actorSubject)).toEqual(['bob', 'bob']);
    // A lead has no operator filter: asking for alice's events still gives only bob's.
    expect((await findEvents(filter({ operator: 'alice' }), { kind: 'own', subject: 'bob' }, handle)).total).toBe(2);
    expect((await findEvents(filter({}), { kind: 'none' }, handle)).total).toBe(0);
  });

  it('pages newest first, and streams the same events in batches', async () => {
    const page = await findEvents(filter({}), { kind: 'all' }, handle);
    expect(page).toMatchObject({ page: 1, pageCount: 1 });
    const streamed: number[] = [];
    for await (const e of eachEvent(filter({}), { kind: 'all' }, handle, 5)) streamed.push(e.id);
    expect(streamed).toEqual(page.events.map((e) => e.id));
    expect(streamed).toEqual([...streamed].sort((a, b) => b - a));
  });

  it('purges events before the cut, leaves a chained checkpoint, and the chain still verifies', async () => {
    const before = await verifyChain(handle);
    expect(before).toMatchObject({ ok: true, events: 12 });
    const result = await purgeBefore(day(4), 'retention test', handle);
    expect(result).toMatchObject({ removed: 3 });
    const check = await verifyChain(handle);
    expect(check).toMatchObject({ ok: true, events: 10 });
    const [checkpoint] = await latestEvents(1, handle);
    expect(checkpoint).toMatchObject({ type: 'audit.purged', outcome: 'purged', actorSubject: 'system:retention' });
    expect(checkpoint!.reason).toContain('Removed 3 events');
    // A second purge moves the cut on; the chain still verifies.
    expect(await purgeBefore(day(6), 'retention test', handle)).toMatchObject({ removed: 3 });
    expect(await verifyChain(handle)).toMatchObject({ ok: true, events: 8 });
    expect(await purgeBefore(day(1), 'retention test', handle)).toEqual({ removed: 0 });
  });

  it('still notices events removed by hand after a purge', async () => {
    const oldest = (await latestEvents(100, handle)).at(-1)!;
    await rawSql(target.url, 'delete from audit_events where id = $1', [oldest.id]);
    const check = await verifyChain(handle);
    expect(check).toMatchObject({ ok: false, problem: 'events before it were removed without a retention checkpoint' });
  });
});
