/**
 * The person page's read-only look at the log, on both backends: the last successful reset of a
 * person (lib/audit/last-reset.ts) and how many resets remain this hour (lib/reset/rate-limit.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';
import { remaining, reserveReset } from '../reset/rate-limit';
import { openDatabase, type AuditDatabase } from './db';
import { lastReset } from './last-reset';
import { appendWithin, inTransaction } from './store';
import type { AuditEventInput } from './types';

const ORG = EXAMPLE_ORG_ID;
const alice = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin' };
const bob = { subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', role: 'lead' };
const event = (type: AuditEventInput['type'], actor = alice, personId = 'u-1'): AuditEventInput => ({
  type,
  actor,
  organizationId: ORG,
  person: { id: personId },
  outcome: type.split('.').at(-1)!,
});
const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 10, 0, 0) + minute * 60_000);
const write = (handle: AuditDatabase, e: AuditEventInput, when: Date) => inTransaction((db) => appendWithin(db, e, when), handle);

describe.each(BACKENDS)('the person page’s look at the log on %s', (backend) => {
  let target: TestDatabase;
  let handle: AuditDatabase;

  beforeAll(async () => {
    target = await freshDatabase(backend);
    handle = await openDatabase(target.url);
  });
  afterAll(async () => {
    await handle.close();
    await target.drop();
  });

  it('names the operator and time of the newest successful reset, not a later failed one or another person’s', async () => {
    expect(await lastReset(ORG, 'u-1', handle)).toBeUndefined();
    await write(handle, event('password.reset.succeeded', alice), at(0));
    await write(handle, event('password.reset.succeeded', bob), at(5));
    await write(handle, event('password.reset.failed', alice), at(6));
    await write(handle, event('password.reset.succeeded', alice, 'u-2'), at(7));
    expect(await lastReset(ORG, 'u-1', handle)).toEqual({
      operatorName: 'Bob Lead',
      operatorEmail: 'bob@example.com',
      time: at(5).toISOString(),
    });
    expect(await lastReset('m-other', 'u-1', handle)).toBeUndefined();
  });

  it('counts what reserveReset counts: the "requested" events of the last hour, per operator and per person', async () => {
    const limits = { perActor: 20, perTarget: 3 };
    const who = { actorSubject: 'carol', organizationId: ORG, personId: 'u-9' };
    expect(await remaining(who, limits, at(100), handle)).toEqual({ operator: 20, person: 3 });
    const carol = { subject: 'carol', email: 'carol@example.com', name: 'Carol', role: 'admin' };
    await reserveReset(event('password.reset.requested', carol, 'u-9'), limits, at(100), handle);
    await reserveReset(event('password.reset.requested', carol, 'u-8'), limits, at(101), handle);
    await reserveReset(event('password.reset.requested', alice, 'u-9'), limits, at(102), handle);
    expect(await remaining(who, limits, at(103), handle)).toEqual({ operator: 18, person: 1 });
    // An hour after the first, its slot is free again; never below zero.
    expect(await remaining(who, limits, at(160), handle)).toEqual({ operator: 19, person: 2 });
    expect(await remaining(who, { perActor: 1, perTarget: 1 }, at(103), handle)).toEqual({ operator: 0, person: 0 });
  });
});
