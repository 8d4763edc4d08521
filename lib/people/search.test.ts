/**
 * The admin search right after a start, against the real emulator: a word search does not miss
 * anyone because the word index is still being built (issue: "doe" found nobody on the first
 * search after `npm run demo`), and when the build takes longer than the search may wait, the
 * result says the index is warming up instead of a bare "No one matches".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulators/workmail/server';
import { workmailEnvironment } from '../../scripts/demo-env';
import type { Actor } from '../access/actor';
import { prefixFields } from './search';
import { EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../../emulators/workmail/seed';

const ORG = EXAMPLE_ORG_ID;
const SUBSIDIARY = SUBSIDIARY_ORG_ID;
let emulator: RunningEmulator;
let searchPeople: typeof import('./search').searchPeople;
let alice: Actor;
let bob: Actor;

beforeAll(async () => {
  emulator = await startEmulator({});
  Object.assign(process.env, {
    ...workmailEnvironment(emulator.url),
    ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
    NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdef',
  });
  ({ searchPeople } = await import('./search'));
  const { actorFor } = await import('../access/actor');
  const { portalPolicy } = await import('../portal');
  const policy = portalPolicy('config/access-policy.demo.json');
  alice = actorFor({ subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', groups: ['it-admins'] }, policy);
  bob = actorFor({ subject: 'bob', email: 'bob@example.com', name: 'Bob Lead', groups: ['eng-leads'] }, policy);
});

afterAll(() => emulator.close());

describe('an admin search while the word index warms up', () => {
  it('finds Jane Doe by "doe" on the very first search of a cold index', async () => {
    const result = await searchPeople(alice, ORG, 'doe');
    expect(result.rows.map((r) => r.person.displayName)).toContain('Jane Doe');
    expect(result.warming).toBeUndefined();
  });

  it('answers from prefixes and says it is warming up when the first build outlasts the wait', async () => {
    // Every ListUsers call takes 400 ms; the search may wait 20 ms for the index's first build.
    emulator.state.faults.add({ operation: 'ListUsers', latencyMs: 400 });
    try {
      const cold = await searchPeople(alice, SUBSIDIARY, 'a', { indexWaitMs: 20 });
      expect(cold.warming).toEqual({ loaded: 0 });
      const afterwards = await searchPeople(alice, SUBSIDIARY, 'a', { indexWaitMs: 5_000 });
      expect(afterwards.warming).toBeUndefined();
    } finally {
      emulator.state.faults.clear();
    }
  });
});

describe('a team lead after the start-up warm-up', () => {
  it('searches without walking their groups: the scope was resolved in the background', async () => {
    const { warmOnce } = await import('./warm-up');
    await warmOnce();
    emulator.state.calls.clear();
    const result = await searchPeople(bob, ORG, 'priya');
    expect(result.rows.map((r) => r.person.displayName)).toEqual(['Priya Patel']);
    expect(emulator.state.calls.list({ operation: 'ListGroupMembers' })).toEqual([]);
    expect(emulator.state.calls.list({ operation: 'ListGroups' })).toEqual([]);
  });
});

describe('the live filters a query needs, by its shape', () => {
  it('asks one prefix when the index covers the rest, every prefix while it warms up', () => {
    expect(prefixFields('jane.doe@example.com', true)).toEqual(['email']);
    expect(prefixFields('quinn olsen', true)).toEqual(['displayName']);
    expect(prefixFields('avery', true)).toEqual(['username']);
    expect(prefixFields('avery', false)).toEqual(['username', 'displayName', 'email']);
  });

  it('makes one ListUsers call for a plain query, and still finds someone created a moment ago by their username prefix', async () => {
    await searchPeople(alice, ORG, 'warm'); // the index is built
    const { WorkMailClient, CreateUserCommand } = await import('@aws-sdk/client-workmail');
    const { DEMO_CREDENTIALS } = await import('../../scripts/demo-env');
    const client = new WorkMailClient({ region: 'us-east-1', endpoint: emulator.url, credentials: DEMO_CREDENTIALS });
    await client.send(
      new CreateUserCommand({
        OrganizationId: ORG,
        Name: 'newby.person',
        DisplayName: 'Newby Person',
        Password: 'Harbor-Quartz-Pelican-31',
      }),
    );
    client.destroy();
    emulator.state.calls.clear();
    const result = await searchPeople(alice, ORG, 'newby');
    expect(result.rows.map((r) => r.person.username)).toEqual(['newby.person']);
    expect(emulator.state.calls.list({ operation: 'ListUsers' })).toHaveLength(1);
  });

  it('looks an id up without any prefix filter', async () => {
    const id = [...emulator.state.organizations.get(ORG)!.users.values()].find((u) => u.name === 'jane.doe')!.id;
    emulator.state.calls.clear();
    const result = await searchPeople(alice, ORG, id);
    expect(result.rows.map((r) => r.person.displayName)).toEqual(['Jane Doe']);
    expect(emulator.state.calls.list({ operation: 'ListUsers' })).toHaveLength(0);
  });
});
