/**
 * Bounded refusals on both backends: a flood of identical denials leaves REPEAT_LIMIT rows and one
 * summary with the count, two instances (two handles on PostgreSQL) share one count, other kinds of
 * refusal keep their own count, and the chain verifies throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTwoInstances, openTwoInstances } from '../../test/two-instances';
import { BACKENDS, rawSql, type TestDatabase } from '../../test/databases';
import type { AuditDatabase } from './db';
import { reserveReset } from '../rate-limit';
import { appendBounded, flushRepeats, REPEAT_LIMIT } from './repeats';
import { latestEvents, verifyChain } from './store';
import type { AuditEventInput } from './types';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead' };
const denied = (personId = 'maria', errorCode = 'not-yours'): AuditEventInput => ({
  type: 'access.denied',
  actor: bob,
  organizationId: ORG,
  person: { id: personId },
  outcome: 'denied',
  errorCode,
  clientIp: '203.0.113.7',
});
const at = (second: number) => new Date(Date.UTC(2026, 10, 28, 10, 0, 0) + second * 1000);

describe.each(BACKENDS)('bounded refusals on %s', (backend) => {
  let target: TestDatabase;
  let one: AuditDatabase;
  let two: AuditDatabase;
  const rows = async () => Number((await rawSql<{ n: number | string }>(target.url, 'select count(*) as n from audit_events'))[0]!.n);

  beforeAll(async () => ({ target, one, two } = await openTwoInstances(backend)));
  afterAll(() => closeTwoInstances({ target, one, two }));

  it('200 identical denials in one minute leave 30 rows, then one summary with the count of the other 170', async () => {
    const outcomes = [];
    for (let i = 0; i < 200; i++) outcomes.push(await appendBounded(denied(), at(i * 0.25), i % 2 ? two : one));
    expect(outcomes.filter((o) => o === 'written')).toHaveLength(REPEAT_LIMIT);
    expect(await rows()).toBe(REPEAT_LIMIT);
    expect(await flushRepeats(at(59), one)).toBe(0);
    expect(await flushRepeats(at(61), one)).toBe(1);
    expect(await rows()).toBe(REPEAT_LIMIT + 1);
    const [summary] = await latestEvents(1, one);
    expect(summary).toMatchObject({ type: 'access.denied', outcome: 'denied', errorCode: 'not-yours', personId: 'maria', actorSubject: 'bob', repeatCount: 200 - REPEAT_LIMIT });
    expect(summary!.reason).toContain('170 more identical attempts');
    expect(await flushRepeats(at(200), one)).toBe(0);
    expect(await verifyChain(one)).toMatchObject({ ok: true, events: REPEAT_LIMIT + 1 });
  });

  it('counts each kind of refusal on its own, writes again in the next minute, and flushes on the next bounded write', async () => {
    const before = await rows();
    for (let i = 0; i < REPEAT_LIMIT + 5; i++) await appendBounded(denied('maria', 'protected'), at(300 + i), one);
    for (let i = 0; i < 3; i++) await appendBounded(denied('tom'), at(300 + i), one);
    expect(await rows()).toBe(before + REPEAT_LIMIT + 3);
    // The next minute: this write first chains the summary of the closed one, then itself.
    expect(await appendBounded(denied('maria', 'protected'), at(361), one)).toBe('written');
    const [latest, summary] = await latestEvents(2, one);
    expect(summary).toMatchObject({ errorCode: 'protected', repeatCount: 5 });
    expect(latest).toMatchObject({ errorCode: 'protected', repeatCount: null });
    expect(await verifyChain(one)).toMatchObject({ ok: true });
  });

  it('bounds rate-limit refusals too: 40 attempts over the limit leave 30 rows', async () => {
    const requested: AuditEventInput = { type: 'password.reset.requested', actor: { ...bob, subject: 'bob-limited' }, organizationId: ORG, person: { id: 'jane' }, outcome: 'requested' };
    const limits = { perActor: 1, perTarget: 100 };
    expect(await reserveReset(requested, limits, at(600), one)).toEqual({ ok: true });
    for (let i = 0; i < 40; i++) expect((await reserveReset(requested, limits, at(601 + i * 0.5), i % 2 ? two : one)).ok).toBe(false);
    const limited = await rawSql<{ n: number | string }>(target.url, "select count(*) as n from audit_events where type = 'rate.limited' and actor_subject = 'bob-limited'");
    expect(Number(limited[0]!.n)).toBe(REPEAT_LIMIT);
    await flushRepeats(at(700), one);
    const [summary] = await latestEvents(1, one);
    expect(summary).toMatchObject({ type: 'rate.limited', errorCode: 'rate-limit-operator', repeatCount: 40 - REPEAT_LIMIT });
  });
});
