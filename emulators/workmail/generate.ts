/**
 * `POST /__control/generate`: adds many deterministic people to an organization, for benchmarks
 * (100,000 in well under 10 s, bench/emulator.ts).
 */
import { Organization, stableId, type GroupRecord, type UserRecord } from './model';

/** First and last names of generated people (shared with bench/samba-people.ts). */
export const FIRST = [
  'Avery',
  'Blake',
  'Casey',
  'Devon',
  'Emery',
  'Finley',
  'Harper',
  'Jordan',
  'Kai',
  'Logan',
  'Morgan',
  'Noel',
  'Parker',
  'Quinn',
  'Reese',
  'Rowan',
  'Sage',
  'Skyler',
  'Taylor',
  'Wren',
];
export const LAST = [
  'Abbott',
  'Baker',
  'Chen',
  'Diaz',
  'Ellis',
  'Fox',
  'Grant',
  'Hale',
  'Ibsen',
  'Jones',
  'Khan',
  'Lopez',
  'Meyer',
  'Nash',
  'Olsen',
  'Price',
  'Reyes',
  'Stone',
  'Tran',
  'Vance',
];

export interface GenerateResult {
  added: number;
  total: number;
}

/**
 * Adds `count` people named `<first>.<last>.<n>`, numbered after those generated before. With
 * `groupName`, they join that group (created if missing), to build large team-lead scopes.
 */
export function generatePeople(org: Organization, count: number, groupName?: string): GenerateResult {
  let group: GroupRecord | undefined;
  if (groupName) {
    const found = org.find(groupName);
    if (found && found.kind !== 'group') throw new Error(`${groupName} is a user, not a group`);
    group = found ?? createGroup(org, groupName);
  }
  const now = Date.now();
  let n = org.users.size;
  for (let added = 0; added < count; n++) {
    const first = FIRST[n % FIRST.length]!;
    const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
    const name = `${first}.${last}.${n}`.toLowerCase();
    if (org.nameTaken(name)) continue;
    const user: UserRecord = {
      kind: 'user',
      id: stableId(org.id, name),
      name,
      displayName: `${first} ${last}`,
      email: `${name}@${org.defaultMailDomain}`,
      state: 'ENABLED',
      role: 'USER',
      enabledDate: now,
      mailboxProvisionedDate: now,
      attributes: { FirstName: first, LastName: last },
      hidden: false,
    };
    org.add(user);
    group?.members.add(user.id);
    added++;
  }
  return { added: count, total: org.users.size };
}

function createGroup(org: Organization, name: string): GroupRecord {
  const group: GroupRecord = {
    kind: 'group',
    id: stableId(org.id, `group:${name}`),
    name,
    email: `${name.replace(/[^\w.-]/g, '-')}@${org.defaultMailDomain}`,
    state: 'ENABLED',
    enabledDate: Date.now(),
    hidden: false,
    members: new Set(),
  };
  org.add(group);
  return group;
}
