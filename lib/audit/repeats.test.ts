/**
 * Bounded refusals on both backends: a flood of identical denials leaves REPEAT_LIMIT rows and one
 * summary with the count, two instances (two handles on PostgreSQL) share one count, other kinds of
 * refusal keep their own count, one operator's refusals of every kind stop being written past
 * OPERATOR_BUDGET, a pending count changed or added without the audit key is reported rather than
 * chained, and the chain verifies throughout.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeTwoInstances, openTwoInstances } from '../../test/two-instances';
import { BACKENDS, rawSql, type TestDatabase } from '../../test/databases';
import type { AuditDatabase } from './db';
import { reserveReset } from '../reset/rate-limit';
import { log } from '../log';
import { appendBounded, flushRepeats, OPERATOR_BUDGET, REPEAT_LIMIT, startRepeatFlush } from './repeats';
import { latestEvents, verifyChain } from './store';
import type { AuditEventInput } from './types';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
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
    expect(summary).toMatchObject({
      type: 'access.denied',
      outcome: 'denied',
      errorCode: 'not-yours',
      personId: 'maria',
      actorSubject: 'bob',
      repeatCount: 200 - REPEAT_LIMIT,
    });
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
    const requested: AuditEventInput = {
      type: 'password.reset.requested',
      actor: { ...bob, subject: 'bob-limited' },
      organizationId: ORG,
      person: { id: 'jane' },
      outcome: 'requested',
    };
    const limits = { perActor: 1, perTarget: 100 };
    expect(await reserveReset(requested, limits, at(600), one)).toEqual({ ok: true });
    for (let i = 0; i < 40; i++) expect((await reserveReset(requested, limits, at(601 + i * 0.5), i % 2 ? two : one)).ok).toBe(false);
    const limited = await rawSql<{ n: number | string }>(
      target.url,
      "select count(*) as n from audit_events where type = 'rate.limited' and actor_subject = 'bob-limited'",
    );
    expect(Number(limited[0]!.n)).toBe(REPEAT_LIMIT);
    await flushRepeats(at(700), one);
    const [summary] = await latestEvents(1, one);
    expect(summary).toMatchObject({ type: 'rate.limited', errorCode: 'rate-limit-operator', repeatCount: 40 - REPEAT_LIMIT });
  });

  it('a pending count added or changed without the audit key is not chained as written: an audit.tampered event instead, and the chain verifies', async () => {
    // Someone with write access to the database but not AUDIT_HMAC_KEY: a success that never
    // happened, and a genuine count lowered to hide a flood.
    const forged: AuditEventInput = {
      type: 'password.reset.succeeded',
      actor: bob,
      organizationId: ORG,
      person: { id: 'maria' },
      outcome: 'succeeded',
    };
    const minute = at(960).toISOString();
    await rawSql(
      target.url,
      'insert into audit_repeats (repeat_key, window_start, repeats, first_time, last_time, event, mac) values ($1, $2, $3, $4, $5, $6, $7)',
      ['forged', minute, 1, minute, minute, JSON.stringify(forged), 'f'.repeat(64)],
    );
    for (let i = 0; i < REPEAT_LIMIT + 3; i++) await appendBounded(denied('maria', 'disabled'), at(960 + i), one);
    await rawSql(target.url, "update audit_repeats set repeats = 1 where repeat_key like '%disabled%'");
    const warned = vi.spyOn(log, 'warn');
    try {
      expect(await flushRepeats(at(1100), two)).toBe(2);
      expect(warned.mock.calls.filter(([, message]) => String(message).includes('failed its check'))).toHaveLength(2);
    } finally {
      warned.mockRestore();
    }
    const latest = await latestEvents(2, one);
    expect(latest.map((e) => [e.type, e.outcome, e.errorCode, e.actorSubject, e.personId, e.repeatCount])).toEqual([
      ['audit.tampered', 'failed', 'repeat-count-tampered', 'system:audit', null, null],
      ['audit.tampered', 'failed', 'repeat-count-tampered', 'system:audit', null, null],
    ]);
    expect(await rawSql(target.url, "select id from audit_events where type = 'password.reset.succeeded'")).toEqual([]);
    expect(await rawSql(target.url, 'select repeat_key from audit_repeats')).toEqual([]);
    expect(await verifyChain(one)).toMatchObject({ ok: true });
  });

  it('a deleted pending count leaves no trace in the chain: only the warning logged when counting began shows it', async () => {
    const warned = vi.spyOn(log, 'warn');
    try {
      for (let i = 0; i < REPEAT_LIMIT + 4; i++) await appendBounded(denied('maria', 'self'), at(1200 + i), i % 2 ? two : one);
      const started = warned.mock.calls.filter(([, message]) => message === 'audit: identical refusals are being counted, not written');
      expect(started).toHaveLength(1);
      expect(started[0]![0]).toMatchObject({ actor: 'bob', errorCode: 'self', windowStart: at(1200).toISOString() });
    } finally {
      warned.mockRestore();
    }
    await rawSql(target.url, "delete from audit_repeats where repeat_key like '%self%'");
    const before = await rows();
    expect(await flushRepeats(at(1300), one)).toBe(0);
    expect(await rows()).toBe(before);
    expect(await verifyChain(one)).toMatchObject({ ok: true });
  });

  it('past OPERATOR_BUDGET refusals in a minute, an operator writes no more: 200 denials for 200 people leave the budget and one count', async () => {
    const dave = { ...bob, subject: 'dave' };
    const outcomes = [];
    for (let i = 0; i < 200; i++)
      outcomes.push(await appendBounded({ ...denied(`person-${i}`, 'protected'), actor: dave }, at(1500 + i * 0.25), i % 2 ? two : one));
    expect(outcomes.filter((o) => o === 'written')).toHaveLength(OPERATOR_BUDGET);
    expect(await rawSql(target.url, 'select repeat_key from audit_repeats')).toHaveLength(1);
    // The timer's flush, a minute on, with no new refusal from anyone.
    expect(await flushRepeats(at(1561), two)).toBe(1);
    const [summary] = await latestEvents(1, one);
    expect(summary).toMatchObject({
      type: 'access.denied',
      actorSubject: 'dave',
      errorCode: 'protected',
      personId: null,
      organizationId: null,
      repeatCount: 200 - OPERATOR_BUDGET,
    });
    const daves = await rawSql<{ n: number | string }>(target.url, "select count(*) as n from audit_events where actor_subject = 'dave'");
    expect(Number(daves[0]!.n)).toBe(OPERATOR_BUDGET + 1);
    expect(await verifyChain(one)).toMatchObject({ ok: true });
  });

  it('bounds refusals only: any other event is refused', async () => {
    await expect(appendBounded({ type: 'password.reset.succeeded', actor: bob, outcome: 'succeeded' }, at(1700), one)).rejects.toThrow(
      'only refusals',
    );
  });
});

describe('the minute timer', () => {
  it('starts once per process, every minute, without keeping the process alive', () => {
    const started = vi.spyOn(globalThis, 'setInterval');
    try {
      startRepeatFlush();
      startRepeatFlush();
      expect(started).toHaveBeenCalledTimes(1);
      expect(started.mock.calls[0]![1]).toBe(60_000);
      const timer = started.mock.results[0]!.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      clearInterval(timer);
    } finally {
      started.mockRestore();
    }
  });
});
