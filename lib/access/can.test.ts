/** The access rule's table: every rule of docs/access-rules.md (2–7) and their combinations. */
import { describe, expect, it } from 'vitest';
import type { PersonWithGroups } from '../directory/types';
import { actorFor, type Actor } from './actor';
import { auditScope, can, REASON_TEXT, type Action, type DenyReason } from './can';
import { parsePolicy } from './policy';
import { EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../../emulators/workmail/seed';

const EXAMPLE = EXAMPLE_ORG_ID;
const SUBSIDIARY = SUBSIDIARY_ORG_ID;
const OTHER = 'm-99999999999999999999999999999999';

const policy = parsePolicy(
  {
    organizations: [
      { id: EXAMPLE, alias: 'example', provider: 'workmail', region: 'us-east-1' },
      { id: SUBSIDIARY, alias: 'subsidiary', provider: 'workmail', region: 'us-east-1' },
    ],
    admins: { groups: ['it-admins'] },
    delegations: [
      { groups: ['eng-leads'], organization: 'example', directoryGroups: ['engineering'] },
      { groups: ['sales-leads'], organization: 'example', directoryGroups: ['sales'] },
    ],
    protectedGroups: { example: ['it-admins', 'executives'] },
  },
  'test policy',
);

const actor = (name: string, groups: string[]): Actor => actorFor({ subject: name, email: `${name}@example.com`, name, groups }, policy);
const admin = actor('alice', ['it-admins']);
const lead = actor('bob', ['eng-leads']);
const nobody = actor('dave', []);

/** Group names are transitive: `platform` is nested in `engineering`, so its members carry both. */
const person = (overrides: Partial<PersonWithGroups> = {}): PersonWithGroups => ({
  id: 'u-1',
  organizationId: EXAMPLE,
  username: 'jane.doe',
  displayName: 'Jane Doe',
  email: 'jane.doe@example.com',
  state: 'enabled',
  kind: 'person',
  externallyManaged: false,
  groups: ['engineering'],
  ...overrides,
});

const TARGETS: Record<string, PersonWithGroups> = {
  'in scope': person(),
  nested: person({ groups: ['platform', 'engineering'] }),
  'out of scope': person({ groups: ['sales'] }),
  'no groups': person({ groups: [] }),
  protected: person({ groups: ['engineering', 'executives'] }),
  self: person({ email: 'BOB@example.com', username: 'bob', groups: ['engineering'] }),
  'self (admin)': person({ email: 'Alice@Example.com', username: 'alice', groups: ['it-admins'] }),
  disabled: person({ state: 'disabled' }),
  deleted: person({ state: 'deleted' }),
  resource: person({ kind: 'resource', email: 'conf.room.1@example.com' }),
  'system user': person({ kind: 'service', email: 'journal@example.com' }),
  'remote user': person({ kind: 'person' }),
  'IAM Identity Center': person({ externallyManaged: true }),
  'other organization in policy': person({ organizationId: SUBSIDIARY, groups: ['engineering'] }),
  'organization not in policy': person({ organizationId: OTHER }),
  'disabled and protected': person({ state: 'disabled', groups: ['engineering', 'executives'] }),
  'out of scope and disabled': person({ state: 'disabled', groups: ['sales'] }),
};

type Row = [actor: string, target: string, view: true | DenyReason, reset: true | DenyReason];
const TABLE: Row[] = [
  ['admin', 'in scope', true, true],
  ['admin', 'nested', true, true],
  ['admin', 'out of scope', true, true],
  ['admin', 'no groups', true, true],
  ['admin', 'protected', true, true],
  ['admin', 'self', true, true],
  ['admin', 'self (admin)', true, 'self'],
  ['admin', 'disabled', true, 'disabled'],
  ['admin', 'deleted', true, 'deleted'],
  ['admin', 'resource', true, 'resource'],
  ['admin', 'system user', true, 'service-account'],
  ['admin', 'remote user', true, true],
  ['admin', 'IAM Identity Center', true, 'externally-managed'],
  ['admin', 'other organization in policy', true, true],
  ['admin', 'organization not in policy', 'not-yours', 'not-yours'],
  ['admin', 'disabled and protected', true, 'disabled'],
  ['admin', 'out of scope and disabled', true, 'disabled'],
  ['lead', 'in scope', true, true],
  ['lead', 'nested', true, true],
  ['lead', 'out of scope', 'not-yours', 'not-yours'],
  ['lead', 'no groups', 'not-yours', 'not-yours'],
  ['lead', 'protected', true, 'protected'],
  ['lead', 'self', true, 'self'],
  ['lead', 'self (admin)', 'not-yours', 'not-yours'],
  ['lead', 'disabled', true, 'disabled'],
  ['lead', 'deleted', true, 'deleted'],
  ['lead', 'resource', true, 'resource'],
  ['lead', 'system user', true, 'service-account'],
  ['lead', 'remote user', true, true],
  ['lead', 'IAM Identity Center', true, 'externally-managed'],
  ['lead', 'other organization in policy', 'not-yours', 'not-yours'],
  ['lead', 'organization not in policy', 'not-yours', 'not-yours'],
  ['lead', 'disabled and protected', true, 'disabled'],
  ['lead', 'out of scope and disabled', 'not-yours', 'not-yours'],
  ...Object.keys(TARGETS).map((t): Row => ['nobody', t, 'no-role', 'no-role']),
];
const ACTORS: Record<string, Actor> = { admin, lead, nobody };

describe('can(actor, action, person)', () => {
  it('covers every target with every actor', () => {
    for (const a of ['admin', 'lead', 'nobody'])
      for (const t of Object.keys(TARGETS))
        expect(
          TABLE.some(([x, y]) => x === a && y === t),
          `${a} × ${t}`,
        ).toBe(true);
  });

  it.each(TABLE)('%s × %s: view %s, reset %s', (a, t, view, reset) => {
    for (const [action, expected] of [
      ['view', view],
      ['reset', reset],
    ] as Array<[Action, true | DenyReason]>) {
      const decision = can(ACTORS[a]!, action, TARGETS[t]!);
      expect(decision, action).toEqual(expected === true ? { allowed: true } : { allowed: false, reason: expected });
    }
  });

  it('has words for every reason', () => {
    for (const text of Object.values(REASON_TEXT)) expect(text.length).toBeGreaterThan(10);
  });
});

describe('self-reset, by every name of the operator and of the mailbox', () => {
  const operator = (claims: { email: string; username?: string }) =>
    actorFor({ subject: 'alice', name: 'Alice', groups: ['it-admins'], ...claims }, policy);
  const alice = person({
    username: 'alice',
    email: 'alice@example.com',
    aliases: ['alice.admin@example.com', 'a.admin@example.com'],
    groups: ['it-admins'],
  });
  it.each([
    ['the primary email', { email: 'alice@example.com' }, alice, 'self'],
    ['an alias as sign-in email', { email: 'alice.admin@example.com' }, alice, 'self'],
    ['another alias, in other case', { email: 'A.Admin@EXAMPLE.com' }, alice, 'self'],
    ['the username claim against the username', { email: 'alice@corp.example', username: 'Alice' }, alice, 'self'],
    ['the username claim against an alias', { email: 'someone@corp.example', username: 'alice.admin@example.com' }, alice, 'self'],
    ['the sign-in email against the username', { email: 'alice' }, alice, 'self'],
    ['names that match nothing', { email: 'alice@corp.example', username: 'alice.w' }, alice, true],
    ['an empty email and no username', { email: '' }, person({ email: undefined, username: 'x', aliases: [] }), true],
    ['someone else’s aliases', { email: 'alice.admin@example.com' }, person({ aliases: ['jane@example.com'] }), true],
  ] as const)('%s', (_label, claims, target, expected) => {
    expect(can(operator(claims), 'reset', target)).toEqual(expected === true ? { allowed: true } : { allowed: false, reason: expected });
  });
});

describe('auditScope(actor)', () => {
  it('lets admins read every event, leads only their own, and nobody else anything', () => {
    expect(auditScope(admin)).toEqual({ kind: 'all' });
    expect(auditScope(actor('bob', ['eng-leads']))).toEqual({ kind: 'own', subject: 'bob' });
    expect(auditScope(actor('zed', ['staff']))).toEqual({ kind: 'none' });
  });
});

describe('actorFor', () => {
  it('makes admins of admin groups, in every organization of the policy', () => {
    expect(admin.role).toBe('admin');
    expect([...admin.organizations.keys()]).toEqual([EXAMPLE, SUBSIDIARY]);
  });

  it('makes leads of delegated groups, merging several delegations in one organization', () => {
    const both = actor('erin', ['eng-leads', 'sales-leads']);
    expect(both.role).toBe('lead');
    expect(both.organizations.get(EXAMPLE)!.scope).toEqual(['engineering', 'sales']);
    expect(both.organizations.has(SUBSIDIARY)).toBe(false);
  });

  it('gives nobody a role without a matching group, and admin wins over lead', () => {
    expect(nobody.role).toBe('none');
    expect(nobody.organizations.size).toBe(0);
    expect(actor('x', ['eng-leads', 'it-admins']).role).toBe('admin');
    expect(actor('y', ['IT-ADMINS']).role).toBe('none');
  });
});
