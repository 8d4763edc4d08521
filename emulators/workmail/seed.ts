/**
 * Seed documents: the shape of `POST /__control/seed`, the demo seed of docs/emulator.md ("Demo data"), and the
 * loader that turns a document into organizations.
 */
import { z } from 'zod';
import { Organization, stableId, type GroupRecord, type UserRecord } from './model';
import { hashPassword } from './passwords';
import { seedRole, type RoleDefinition } from './sts';

const entityState = z.enum(['ENABLED', 'DISABLED', 'DELETED']);
const seedUser = z.object({
  name: z.string().regex(/^[\w\-.]{1,64}$/),
  displayName: z.string().min(1).max(256),
  firstName: z.string().max(256).optional(),
  lastName: z.string().max(256).optional(),
  state: entityState.default('ENABLED'),
  role: z.enum(['USER', 'RESOURCE', 'SYSTEM_USER', 'REMOTE_USER']).default('USER'),
  /** Defaults to name@defaultMailDomain; null for none. */
  email: z.string().email().nullable().optional(),
  /** Further addresses of the mailbox (ListAliases), in the organization's mail domain. */
  aliases: z.array(z.string().email().max(254)).default([]),
  groups: z.array(z.string()).default([]),
  jobTitle: z.string().max(256).optional(),
  department: z.string().max(256).optional(),
  identityProviderUserId: z.string().optional(),
  identityProviderIdentityStoreId: z.string().optional(),
  /** Only for tests that need a known starting password; stored hashed like any other. */
  password: z.string().max(256).optional(),
});
const seedGroup = z.object({
  name: z.string().min(1).max(256),
  /** Groups this group is itself a member of (nesting). */
  groups: z.array(z.string()).default([]),
  state: entityState.default('ENABLED'),
  email: z.string().email().nullable().optional(),
});
const seedOrganization = z.object({
  id: z.string().regex(/^m-[0-9a-f]{32}$/),
  alias: z
    .string()
    .regex(/^(?!d-)[\da-zA-Z]+(-[\da-zA-Z]+)*$/)
    .max(62),
  state: z.string().min(1).default('Active'),
  defaultMailDomain: z.string().regex(/^[a-zA-Z0-9.-]{3,255}$/),
  directoryType: z.string().default('WorkMail Directory'),
  groups: z.array(seedGroup).default([]),
  users: z.array(seedUser).default([]),
});
export const seedDocumentSchema = z.object({
  organizations: z.array(seedOrganization),
  /** IAM roles that AssumeRole may take (emulators/workmail/sts.ts). */
  roles: z.array(seedRole).default([]),
});
export type SeedDocument = z.input<typeof seedDocumentSchema>;

/** Seeded dates are fixed so the demo looks the same on every start. */
const SEEDED_AT = Date.UTC(2025, 0, 15, 9, 0, 0);
const DAY = 86_400_000;

/** The roles of a seed document; a document without any has none. */
export function seedRoles(input: unknown): RoleDefinition[] {
  return seedDocumentSchema.parse(input).roles;
}

/** The demo's reset roles: one that requires a source identity (as docs/cloudtrail.md's trust policy does), one without the requirement. */
export const DEMO_RESET_ROLE = 'arn:aws:iam::000000000000:role/workmail-portal-reset';
export const DEMO_LAX_ROLE = 'arn:aws:iam::000000000000:role/workmail-portal-reset-lax';
/** Its permission policy requires a source identity, its trust policy does not: AssumeRole without one works, the WorkMail call is denied. */
export const DEMO_HALF_ROLE = 'arn:aws:iam::000000000000:role/workmail-portal-reset-deny-only';

export async function loadSeed(input: unknown): Promise<Map<string, Organization>> {
  const doc = seedDocumentSchema.parse(input);
  const organizations = new Map<string, Organization>();
  for (const o of doc.organizations) {
    if (organizations.has(o.id)) throw new Error(`organization ${o.id} appears twice`);
    const org = new Organization(o.id, o.alias, o.state, o.defaultMailDomain, o.directoryType, SEEDED_AT - 30 * DAY);
    organizations.set(o.id, org);
    for (const g of o.groups) {
      if (org.nameTaken(g.name)) throw new Error(`${o.alias}: the name ${g.name} appears twice`);
      const group: GroupRecord = {
        kind: 'group',
        id: stableId(o.id, `group:${g.name}`),
        name: g.name,
        email: g.email === null ? undefined : (g.email ?? `${g.name.replace(/[^\w.-]/g, '-')}@${o.defaultMailDomain}`),
        state: g.state,
        enabledDate: g.state === 'ENABLED' ? SEEDED_AT : undefined,
        hidden: false,
        members: new Set(),
      };
      org.add(group);
    }
    const join = (memberId: string, groupNames: string[], who: string) => {
      for (const name of groupNames) {
        const group = org.find(name);
        if (group?.kind !== 'group') throw new Error(`${o.alias}: ${who} names an unknown group ${name}`);
        group.members.add(memberId);
      }
    };
    for (const g of o.groups) join(org.find(g.name)!.id, g.groups, `group ${g.name}`);
    for (const [i, u] of o.users.entries()) {
      if (org.nameTaken(u.name)) throw new Error(`${o.alias}: the name ${u.name} appears twice`);
      const enabledDate = SEEDED_AT + i * DAY;
      const user: UserRecord = {
        kind: 'user',
        id: stableId(o.id, u.name, u.role),
        name: u.name,
        displayName: u.displayName,
        email: u.email === null ? undefined : (u.email ?? `${u.name}@${o.defaultMailDomain}`),
        state: u.state,
        role: u.role,
        enabledDate,
        disabledDate: u.state === 'ENABLED' ? undefined : enabledDate + 10 * DAY,
        mailboxProvisionedDate: enabledDate,
        attributes: {
          FirstName: u.firstName,
          LastName: u.lastName,
          JobTitle: u.jobTitle,
          Department: u.department,
        },
        hidden: false,
        identityProviderUserId: u.identityProviderUserId,
        identityProviderIdentityStoreId: u.identityProviderIdentityStoreId,
        password: u.password === undefined ? undefined : await hashPassword(u.password),
      };
      org.add(user);
      for (const alias of u.aliases) org.addAlias(user, alias);
      join(user.id, u.groups, `user ${u.name}`);
    }
  }
  return organizations;
}

export const EXAMPLE_ORG_ID = 'm-0123456789abcdef0123456789abcdef';
export const SUBSIDIARY_ORG_ID = 'm-fedcba9876543210fedcba9876543210';

type SeedUser = z.input<typeof seedUser>;
const person = (name: string, displayName: string, groups: string[] = [], extra: Partial<SeedUser> = {}): SeedUser => {
  const [firstName, ...rest] = displayName.split(' ');
  return { name, displayName, firstName, lastName: rest.join(' '), groups, ...extra };
};

/** About 30 more ordinary people, spread over the groups; fixed, so tests may rely on them. */
const MORE_PEOPLE: Array<[string, string]> = [
  ['Liam Carter', 'engineering'],
  ['Olivia Nguyen', 'platform'],
  ['Noah Kim', 'sales'],
  ['Emma Rossi', 'engineering'],
  ['Lucas Silva', 'platform'],
  ['Mia Novak', 'sales'],
  ['Ethan Walsh', 'engineering'],
  ['Ava Jensen', ''],
  ['Mason Ortiz', 'sales'],
  ['Sofia Ivanova', 'engineering'],
  ['Logan Hughes', 'platform'],
  ['Isabella Cruz', 'sales'],
  ['James Okafor', 'engineering'],
  ['Amelia Schmidt', ''],
  ['Benjamin Moreau', 'sales'],
  ['Harper Lindqvist', 'engineering'],
  ['Elijah Brooks', 'platform'],
  ['Evelyn Tanaka', 'sales'],
  ['Henry Adeyemi', 'engineering'],
  ['Abigail Kowalski', ''],
  ['Daniel Murphy', 'sales'],
  ['Emily Fischer', 'engineering'],
  ['Jack Dubois', 'platform'],
  ['Ella Costa', 'sales'],
  ['Owen Park', 'engineering'],
  ['Grace Mbeki', ''],
  ['Samuel Laine', 'sales'],
  ['Chloe Haddad', 'engineering'],
  ['Leo Bianchi', 'platform'],
  ['Zoe Andersen', 'sales'],
];

export function demoSeed(): SeedDocument {
  return {
    roles: [
      { arn: DEMO_RESET_ROLE, requireSourceIdentity: true, operations: ['ResetPassword', 'DescribeUser'] },
      { arn: DEMO_LAX_ROLE },
      { arn: DEMO_HALF_ROLE, requireSourceIdentity: true, trustAllowsNoSourceIdentity: true },
    ],
    organizations: [
      {
        id: EXAMPLE_ORG_ID,
        alias: 'example',
        defaultMailDomain: 'example.com',
        groups: [
          { name: 'engineering' },
          { name: 'platform', groups: ['engineering'] },
          { name: 'sales' },
          { name: 'it-admins' },
          { name: 'executives' },
        ],
        users: [
          person('jane.doe', 'Jane Doe', ['engineering'], { jobTitle: 'Software Engineer' }),
          person('john.smith', 'John Smith', ['engineering'], { jobTitle: 'Software Engineer' }),
          person('priya.patel', 'Priya Patel', ['platform'], { jobTitle: 'Platform Engineer' }),
          person('sam.lee', 'Sam Lee', ['engineering'], { state: 'DISABLED' }),
          person('maria.garcia', 'Maria Garcia', ['sales'], { jobTitle: 'Account Executive' }),
          person('tom.brown', 'Tom Brown', ['sales']),
          person('erin.exec', 'Erin Exec', ['engineering', 'executives'], { jobTitle: 'CTO' }),
          // An alias that is also an operator's sign-in address elsewhere: self-reset must see through it.
          person('alice', 'Alice Admin', ['it-admins'], { jobTitle: 'IT Administrator', aliases: ['alice.admin@example.com'] }),
          person('bob', 'Bob Lead', ['engineering'], {
            jobTitle: 'Engineering Lead',
            aliases: ['bob.lead@example.com', 'b.lead@example.com'],
          }),
          person('carol', 'Carol Lead', ['sales'], { jobTitle: 'Sales Lead' }),
          { name: 'conf.room.1', displayName: 'Conference Room 1', role: 'RESOURCE' },
          { name: 'journal', displayName: 'Journaling', role: 'SYSTEM_USER' },
          person('ivy.center', 'Ivy Center', ['engineering'], {
            identityProviderUserId: '906744d9a1-4f2c8e1b-7d3a-4c5e-9b1f-2a3c4d5e6f70',
            identityProviderIdentityStoreId: 'd-906744d9a1',
          }),
          ...MORE_PEOPLE.map(([displayName, group]) =>
            person(displayName.toLowerCase().replace(' ', '.'), displayName, group ? [group] : []),
          ),
        ],
      },
      {
        id: SUBSIDIARY_ORG_ID,
        alias: 'subsidiary',
        defaultMailDomain: 'subsidiary.example',
        groups: [{ name: 'staff' }],
        users: [
          person('lena.fischer', 'Lena Fischer', ['staff']),
          person('omar.haddad', 'Omar Haddad', ['staff']),
          person('kenji.sato', 'Kenji Sato', ['staff']),
          person('nora.berg', 'Nora Berg', ['staff']),
          person('paul.martin', 'Paul Martin', ['staff'], { state: 'DISABLED' }),
        ],
      },
    ],
  };
}
