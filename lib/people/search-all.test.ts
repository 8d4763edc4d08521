/**
 * An admin's search over every organization, against the real emulator: matches from both
 * organizations merged by name and named by organization, a list that walks one organization after
 * the other, and one organization's failure shown beside the other's matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulators/workmail/server';
import { workmailEnvironment } from '../../scripts/demo-env';
import type { Actor } from '../access/actor';
import { EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../../emulators/workmail/seed';

let emulator: RunningEmulator;
let searchAllOrganizations: typeof import('./search-all').searchAllOrganizations;
let alice: Actor;

beforeAll(async () => {
  emulator = await startEmulator({});
  Object.assign(process.env, {
    ...workmailEnvironment(emulator.url),
    ACCESS_POLICY_FILE: 'config/access-policy.demo.json',
    NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdef',
  });
  ({ searchAllOrganizations } = await import('./search-all'));
  const { actorFor } = await import('../access/actor');
  const { portalPolicy } = await import('../portal');
  alice = actorFor(
    { subject: 'alice', email: 'alice@example.com', name: 'Alice Admin', groups: ['it-admins'] },
    portalPolicy('config/access-policy.demo.json'),
  );
});

afterAll(() => emulator.close());

describe('an admin searching every organization', () => {
  it('finds people in both, merged by name, each row naming its organization', async () => {
    const lena = await searchAllOrganizations(alice, 'lena');
    expect(lena.rows.map((r) => [r.person.displayName, r.organization.alias])).toContainEqual(['Lena Fischer', 'subsidiary']);
    // A name in each organization, merged in name order.
    const fischer = await searchAllOrganizations(alice, 'fischer');
    expect(fischer.rows.map((r) => [r.person.displayName, r.organization.organizationId])).toEqual([
      ['Emily Fischer', EXAMPLE_ORG_ID],
      ['Lena Fischer', SUBSIDIARY_ORG_ID],
    ]);
    expect(fischer.total).toBe(2);
    expect(fischer.failures).toEqual([]);
  });

  it('lists everyone with no query, one organization after the other, no one twice', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchAllOrganizations(alice, '', { cursor });
      seen.push(...page.rows.map((r) => `${r.organization.alias}/${r.person.id}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    const expected = [...emulator.state.organizations.values()].flatMap((o) => [...o.users.values()].map((u) => `${o.alias}/${u.id}`));
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('one organization failing leaves the other’s matches, and says which failed', async () => {
    const example = emulator.state.organizations.get(EXAMPLE_ORG_ID)!;
    example.state = 'Inactive';
    try {
      const result = await searchAllOrganizations(alice, 'lena');
      expect(result.rows.map((r) => r.person.displayName)).toContain('Lena Fischer');
      expect(result.failures.map((f) => [f.organizationId, f.error.code])).toEqual([[EXAMPLE_ORG_ID, 'organization-state']]);
    } finally {
      example.state = 'Active';
    }
  });
});
