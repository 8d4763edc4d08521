/**
 * Every input constraint of every implemented operation (the model's required members, lengths,
 * patterns, enums and ranges) answers InvalidParameterException naming the member. The JS SDK
 * sends whatever it is given (docs/workmail.md), so these go through the real SDK unchanged.
 */
import { describe, expect, it } from 'vitest';
import { INPUT_SHAPES, type Shape } from '../shapes';
import { failure, ORG, withEmulator } from './harness';

const h = withEmulator();

const JANE_ID = 'placeholder-replaced-at-run-time';
/** A valid input for each operation; each case below breaks exactly one member of it. */
const VALID: Record<string, Record<string, unknown>> = {
  ResetPassword: { OrganizationId: ORG, UserId: JANE_ID, Password: 'Valid-Passw0rd' },
  ListUsers: { OrganizationId: ORG, MaxResults: 10, NextToken: 'x', Filters: { UsernamePrefix: 'j' } },
  DescribeUser: { OrganizationId: ORG, UserId: 'jane.doe' },
  ListGroups: { OrganizationId: ORG, MaxResults: 10, NextToken: 'x', Filters: { NamePrefix: 'e' } },
  ListGroupMembers: { OrganizationId: ORG, GroupId: 'engineering', MaxResults: 10, NextToken: 'x' },
  ListGroupsForEntity: { OrganizationId: ORG, EntityId: 'jane.doe', MaxResults: 10, NextToken: 'x', Filters: { GroupNamePrefix: 'e' } },
  ListOrganizations: { MaxResults: 10, NextToken: 'x' },
  DescribeOrganization: { OrganizationId: ORG },
  CreateUser: {
    OrganizationId: ORG,
    Name: 'someone.new',
    DisplayName: 'Someone New',
    Password: 'Valid-Passw0rd',
    Role: 'USER',
    FirstName: 'Someone',
    LastName: 'New',
    HiddenFromGlobalAddressList: false,
    IdentityProviderUserId: '906744d9a1-4f2c8e1b-7d3a-4c5e-9b1f-2a3c4d5e6f71',
  },
  RegisterToWorkMail: { OrganizationId: ORG, EntityId: 'sam.lee', Email: 'sam.lee@example.com' },
  DeregisterFromWorkMail: { OrganizationId: ORG, EntityId: 'tom.brown' },
  DeleteUser: { OrganizationId: ORG, UserId: 'sam.lee' },
  UpdateUser: {
    OrganizationId: ORG,
    UserId: 'tom.brown',
    Role: 'USER',
    DisplayName: 'Tom Brown',
    HiddenFromGlobalAddressList: false,
    IdentityProviderUserId: '',
    JobTitle: 'Seller',
  },
  CreateGroup: { OrganizationId: ORG, Name: 'new group', HiddenFromGlobalAddressList: false },
  AssociateMemberToGroup: { OrganizationId: ORG, GroupId: 'sales', MemberId: 'jane.doe' },
  DisassociateMemberFromGroup: { OrganizationId: ORG, GroupId: 'sales', MemberId: 'tom.brown' },
  DescribeGroup: { OrganizationId: ORG, GroupId: 'sales' },
};

interface Case {
  operation: string;
  member: string;
  kind: string;
  value: unknown;
}

const fullMatch = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(value);

/** Values that break one constraint of a shape while keeping the others. */
function violations(shape: Shape): Array<[kind: string, value: unknown]> {
  switch (shape.type) {
    case 'string': {
      if (shape.enum) return [['enum', 'BOGUS']];
      const out: Array<[string, unknown]> = [];
      const ok = (n: number) => 'a'.repeat(n);
      if (shape.min !== undefined && shape.min > 0) out.push(['min length', ok(shape.min - 1)]);
      if (shape.max !== undefined) out.push(['max length', ok(shape.max + 1)]);
      if (shape.pattern) {
        const length = Math.max(shape.min ?? 1, 1);
        const bad = [' ', 'z', '\u4e2d', '!', '\u0001']
          .map((c) => c + ok(length - 1))
          .find((v) => !fullMatch(shape.pattern!, v) && v.length <= (shape.max ?? Infinity));
        if (bad) out.push(['pattern', bad]);
      }
      return out;
    }
    case 'integer':
      return [
        ['below minimum', (shape.min ?? 0) - 1],
        ['above maximum', (shape.max ?? 0) + 1],
      ];
    default:
      return [];
  }
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const [operation, shape] of Object.entries(INPUT_SHAPES)) {
    if (shape.type !== 'structure') continue;
    for (const name of shape.required ?? []) out.push({ operation, member: name, kind: 'required', value: undefined });
    for (const [name, member] of Object.entries(shape.members)) {
      const nested =
        member.type === 'structure'
          ? Object.entries(member.members).map(([n, s]) => [`${name}.${n}`, s] as const)
          : [[name, member] as const];
      for (const [path, s] of nested) for (const [kind, value] of violations(s)) out.push({ operation, member: path, kind, value });
    }
  }
  return out;
}

function withMember(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail) return { ...input, [head]: { [tail]: value } };
  const copy = { ...input };
  if (value === undefined) delete copy[head];
  else copy[head] = value;
  return copy;
}

const ALL = cases();

describe('constraint violations answer InvalidParameterException naming the member', () => {
  it('covers every operation with at least one case', () => {
    expect(new Set(ALL.map((c) => c.operation))).toEqual(new Set(Object.keys(INPUT_SHAPES)));
    expect(ALL.length).toBeGreaterThan(100);
  });

  it.each(ALL.map((c) => [`${c.operation} ${c.member} (${c.kind})`, c] as const))('%s', async (_label, c) => {
    const base = { ...VALID[c.operation]! };
    if (base.UserId === JANE_ID) base.UserId = await h.userId('jane.doe');
    const err = await failure(h.call(c.operation, withMember(base, c.member, c.value)));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toContain(`'${c.member}'`);
    expect(err.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('other input rules', () => {
  it('refuses more than one filter in one ListUsers or ListGroups call', async () => {
    for (const [operation, Filters] of [
      ['ListUsers', { UsernamePrefix: 'j', DisplayNamePrefix: 'J' }],
      ['ListGroups', { NamePrefix: 'e', State: 'ENABLED' }],
    ] as const) {
      const err = await failure(h.call(operation, { OrganizationId: ORG, Filters }));
      expect(err.name).toBe('InvalidParameterException');
      expect(err.message).toMatch(/one filter/);
    }
  });

  it('reports a wrong JSON type as SerializationException naming the member', async () => {
    const err = await failure(h.call('ListUsers', { OrganizationId: ORG, MaxResults: 'ten' }));
    expect(err.name).toBe('SerializationException');
    expect(err.message).toContain("'MaxResults'");
  });

  it('never echoes a refused password in the error message', async () => {
    const UserId = await h.userId('jane.doe');
    const password = 'Secret\u4e2dValue-123';
    const err = await failure(h.call('ResetPassword', { OrganizationId: ORG, UserId, Password: password }));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).not.toContain('Secret');
  });
});
