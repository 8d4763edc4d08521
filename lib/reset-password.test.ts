/**
 * The reset action's core against the real emulator (over HTTP, SigV4) and a real SQLite audit
 * log: the rules inside the action, the server-side strength check, the per-operator limit and
 * the hash chain. Crafted browser requests are covered end to end in e2e/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulators/workmail/server';
import { workmailEnvironment } from '../scripts/demo-env';
import type { Actor } from './access/actor';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'reset-test-'));
const dbFile = join(dir, 'audit.db');
let emulator: RunningEmulator;
let lib: {
  performReset: typeof import('./reset-password').performReset;
  formBinding: typeof import('./auth/binding').formBinding;
  verifyChain: typeof import('./audit/store').verifyChain;
  latestEvents: typeof import('./audit/store').latestEvents;
  actorFor: typeof import('./access/actor').actorFor;
  loadPolicy: typeof import('./access/policy').loadPolicy;
};
let alice: Actor;
let bob: Actor;

const idOf = (name: string) =>
  [...emulator.state.organizations.get(ORG)!.users.values()].find((u) => u.name === name)!.id;
const resetCalls = () => emulator.state.calls.list({ operation: 'ResetPassword' });

beforeAll(async () => {
  emulator = await startEmulator({});
  Object.assign(process.env, {
    ...workmailEnvironment(emulator.url),
    DATABASE_URL: `file:${dbFile}`,
    ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
    NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdef',
    RESET_LIMIT_PER_ACTOR: '3',
  });
  lib = {
    ...(await import('./reset-password')),
    ...(await import('./auth/binding')),
    ...(await import('./audit/store')),
    ...(await import('./access/actor')),
    ...(await import('./access/policy')),
  };
  const policy = lib.loadPolicy('config/access-policy.demo.json');
  alice = lib.actorFor({ subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', groups: ['it-admins'] }, policy);
  bob = lib.actorFor({ subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', groups: ['eng-leads'] }, policy);
});

afterAll(() => emulator.close());

const input = (actor: Actor, user: string, password = 'Harbor-Quartz-Pelican-31') => {
  const userId = idOf(user);
  return { organizationId: ORG, userId, binding: lib.formBinding(ORG, userId, actor.subject), password, confirmation: password, reason: undefined };
};

describe('the rules inside the action, with a valid form binding', () => {
  it.each([
    ['out of scope', 'maria.garcia', 'not-yours', 'Not found, or not someone you manage.'],
    ['protected', 'erin.exec', 'protected', 'You cannot reset this password.'],
    ['their own mailbox', 'bob', 'self', 'You cannot reset this password.'],
    ['a disabled mailbox', 'sam.lee', 'disabled', 'You cannot reset this password.'],
  ])('a lead cannot reset someone %s: refused, audited, no WorkMail call', async (_label, user, reason, title) => {
    const before = resetCalls().length;
    const result = await lib.performReset(bob, input(bob, user), { clientIp: '203.0.113.9' });
    expect(result).toMatchObject({ status: 'refused', title });
    expect(resetCalls().length).toBe(before);
    const [event] = await lib.latestEvents(1);
    expect(event).toMatchObject({ type: 'access.denied', actorEmail: 'bob@example.com', errorCode: reason, clientIp: '203.0.113.9' });
  });

  it('refuses a binding made for another person or operator', async () => {
    const forJane = input(alice, 'jane.doe');
    const result = await lib.performReset(alice, { ...forJane, userId: idOf('john.smith') }, {});
    expect(result).toMatchObject({ status: 'refused', title: 'Not found, or not someone you manage.' });
    const stolen = input(alice, 'jane.doe');
    expect(await lib.performReset(bob, stolen, {})).toMatchObject({ status: 'refused' });
    expect(resetCalls()).toEqual([]);
  });

  it('checks strength on the server with the person’s own words', async () => {
    const result = await lib.performReset(alice, input(alice, 'jane.doe', 'Jane.Doe2026!'), {});
    expect(result.status).toBe('invalid');
    expect(JSON.stringify(result)).not.toContain('Jane.Doe2026!');
    expect(resetCalls()).toEqual([]);
  });
});

describe('resets, limits and the audit chain', () => {
  it('resets, then refuses the operator past RESET_LIMIT_PER_ACTOR, and the chain verifies', async () => {
    for (const user of ['jane.doe', 'john.smith', 'priya.patel']) {
      const result = await lib.performReset(alice, input(alice, user), { userAgent: 'vitest' });
      expect(result).toMatchObject({ status: 'success' });
      expect(JSON.stringify(result)).not.toContain('Harbor-Quartz-Pelican-31');
    }
    const limited = await lib.performReset(alice, input(alice, 'tom.brown'), {});
    expect(limited).toMatchObject({ status: 'refused', title: 'You have made too many resets in the last hour.' });
    expect(resetCalls()).toHaveLength(3);
    const [event] = await lib.latestEvents(1);
    expect(event).toMatchObject({ type: 'rate.limited', errorCode: 'rate-limit-operator' });
    expect(await lib.verifyChain()).toMatchObject({ ok: true });
  });

  it('names the first broken event when a row is edited, and when one is deleted', async () => {
    const events = await lib.latestEvents(100);
    const middle = events[Math.floor(events.length / 2)]!;
    const raw = new Database(dbFile);
    raw.prepare('update audit_events set actor_email = ? where id = ?').run('mallory@example.com', middle.id);
    expect(await lib.verifyChain()).toMatchObject({ ok: false, brokenAt: middle.id, problem: 'this event was changed' });
    raw.prepare('update audit_events set actor_email = ? where id = ?').run(middle.actorEmail, middle.id);
    expect(await lib.verifyChain()).toMatchObject({ ok: true });
    raw.prepare('delete from audit_events where id = ?').run(middle.id);
    raw.close();
    expect(await lib.verifyChain()).toMatchObject({ ok: false, brokenAt: middle.id + 1 });
  });
});
