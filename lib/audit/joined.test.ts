/**
 * /audit shows one row per reset attempt: a "requested" event with a written outcome is joined
 * into that outcome's row; the CSV export still streams every raw event. Both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type TestDatabase } from '../../test/databases';
import { EXAMPLE_ORG_ID } from '../../emulators/workmail/seed';
import { openDatabase, type AuditDatabase } from './db';
import { parseAuditFilter, type AuditFilter } from './filter';
import { eachEvent, findEvents } from './query';
import { appendEvent } from './store';
import type { AuditEventInput } from './types';
import { outcomeWords } from './words';

const alice = { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', role: 'admin' };
const frank = { subject: 'frank', email: 'frank@example.com', name: 'Frank Admin', role: 'admin' };
const person = (n: number) => ({ id: `u-${n}`, email: `person${n}@example.com`, name: `Person ${n}` });
const event = (actor: typeof alice, n: number, type: AuditEventInput['type'], outcome: string, errorCode?: string): AuditEventInput => ({
  type,
  actor,
  organizationId: EXAMPLE_ORG_ID,
  person: person(n),
  outcome,
  errorCode,
  reason: `INC-${n}`,
});
const filter = (params: Record<string, string>): AuditFilter => {
  const parsed = parseAuditFilter(params);
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  return parsed.filter;
};
const all = { kind: 'all' } as const;

describe.each(BACKENDS)('one row per reset attempt on %s', (backend) => {
  let target: TestDatabase;
  let handle: AuditDatabase;

  beforeAll(async () => {
    target = await freshDatabase(backend);
    handle = await openDatabase(target.url);
    const events: AuditEventInput[] = [
      event(alice, 1, 'password.reset.requested', 'requested'), // 1: answered by 3
      event(frank, 1, 'password.reset.requested', 'requested'), // 2: answered by 5 (frank's own)
      event(alice, 1, 'password.reset.succeeded', 'succeeded'), // 3
      event(alice, 2, 'password.reset.requested', 'requested'), // 4: no outcome (another request of alice's for 2 follows)
      event(frank, 1, 'password.reset.failed', 'failed', 'directory-unavailable'), // 5
      event(alice, 2, 'password.reset.requested', 'requested'), // 6: answered by 7
      event(alice, 2, 'password.reset.succeeded', 'succeeded'), // 7
      event(alice, 3, 'password.reset.requested', 'requested'), // 8: still in flight
      { type: 'sign-in', actor: alice, outcome: 'signed-in' }, // 9
    ];
    for (const e of events) await appendEvent(e, handle);
  });

  afterAll(async () => {
    await handle?.close();
    await target?.drop();
  });

  it('joins each request with the outcome that answered it, and keeps requests with none', async () => {
    const page = await findEvents(filter({}), all, handle);
    expect(page.events.map((e) => e.id)).toEqual([9, 8, 7, 5, 4, 3]);
    expect(page.total).toBe(6);
    expect(page.events.map(outcomeWords)).toEqual([
      'Signed in',
      'Requested, no outcome recorded',
      'Reset',
      'Failed: directory unavailable',
      'Requested, no outcome recorded',
      'Reset',
    ]);
  });

  it('a lead’s own view and the filters join the same way; asking for requests shows them all', async () => {
    expect((await findEvents(filter({}), { kind: 'own', subject: 'frank' }, handle)).events.map((e) => e.id)).toEqual([5]);
    expect((await findEvents(filter({ person: 'person1@' }), all, handle)).events.map((e) => e.id)).toEqual([5, 3]);
    expect((await findEvents(filter({ outcome: 'requested' }), all, handle)).events.map((e) => e.id)).toEqual([8, 6, 4, 2, 1]);
  });

  it('the export still streams every raw event', async () => {
    const ids: number[] = [];
    for await (const e of eachEvent(filter({}), all, handle)) ids.push(e.id);
    expect(ids).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });
});
