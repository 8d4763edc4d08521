/**
 * The emulator's in-memory directory: organizations holding users and groups, with the lookups
 * and sorted indexes that keep ListUsers fast on 100,000 people (bench/emulator.ts).
 */
import { createHash } from 'node:crypto';
import type { PasswordHash } from './passwords';

export type EntityState = 'ENABLED' | 'DISABLED' | 'DELETED';
export type UserRole = 'USER' | 'RESOURCE' | 'SYSTEM_USER' | 'REMOTE_USER';

export const USER_ATTRIBUTES = [
  'FirstName',
  'LastName',
  'Initials',
  'Telephone',
  'Street',
  'JobTitle',
  'City',
  'Company',
  'ZipCode',
  'Department',
  'Country',
  'Office',
] as const;
export type UserAttributeName = (typeof USER_ATTRIBUTES)[number];

export interface UserRecord {
  kind: 'user';
  id: string;
  name: string;
  displayName: string;
  email?: string;
  state: EntityState;
  role: UserRole;
  /** Epoch milliseconds. */
  enabledDate?: number;
  disabledDate?: number;
  mailboxProvisionedDate?: number;
  mailboxDeprovisionedDate?: number;
  attributes: Partial<Record<UserAttributeName, string>>;
  hidden: boolean;
  identityProviderUserId?: string;
  identityProviderIdentityStoreId?: string;
  password?: PasswordHash;
  /** Further addresses that deliver to this mailbox (ListAliases), besides the primary `email`. */
  aliases?: string[];
}

export interface GroupRecord {
  kind: 'group';
  id: string;
  name: string;
  email?: string;
  state: EntityState;
  enabledDate?: number;
  disabledDate?: number;
  hidden: boolean;
  aliases?: string[];
  /** Ids of the member users and groups, in the order they were added. */
  members: Set<string>;
}

export type EntityRecord = UserRecord | GroupRecord;
export type UserSortKey = 'name' | 'displayName' | 'email';

/** A deterministic id, so seeded people keep the same URL across restarts. */
export function stableId(organizationId: string, name: string, role?: UserRole): string {
  const hex = createHash('sha256').update(`${organizationId}/${name}`).digest('hex');
  if (role === 'RESOURCE') return `r-${hex.slice(0, 32)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export class Organization {
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  private readonly byName = new Map<string, EntityRecord>();
  private readonly byEmail = new Map<string, EntityRecord>();
  /** Bumped on every change that can reorder or refilter users; indexes are rebuilt lazily. */
  private version = 0;
  private readonly sorted = new Map<string, { version: number; list: UserRecord[] }>();

  constructor(
    readonly id: string,
    readonly alias: string,
    public state: string,
    readonly defaultMailDomain: string,
    readonly directoryType: string,
    readonly completedDate: number,
  ) {}

  get directoryId(): string {
    return `d-${this.id.slice(2, 12)}`;
  }

  get mailDomains(): string[] {
    return [this.defaultMailDomain];
  }

  add(entity: EntityRecord): void {
    if (entity.kind === 'user') this.users.set(entity.id, entity);
    else this.groups.set(entity.id, entity);
    this.byName.set(entity.name.toLowerCase(), entity);
    if (entity.email) this.byEmail.set(entity.email.toLowerCase(), entity);
    this.changed();
  }

  setEmail(entity: EntityRecord, email: string | undefined): void {
    if (entity.email) this.byEmail.delete(entity.email.toLowerCase());
    entity.email = email;
    if (email) this.byEmail.set(email.toLowerCase(), entity);
    this.changed();
  }

  /** An alias is an address like the primary one: unique in the organization, and it finds its owner. */
  addAlias(entity: EntityRecord, alias: string): void {
    const owner = this.emailOwner(alias);
    if (owner && owner !== entity) throw new Error(`the address ${alias} is already in use`);
    entity.aliases = [...(entity.aliases ?? []), alias];
    this.byEmail.set(alias.toLowerCase(), entity);
  }

  nameTaken(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  emailOwner(email: string): EntityRecord | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  /** An EntityIdentifier names an entity by id, name or email (DescribeUser API reference). */
  find(identifier: string): EntityRecord | undefined {
    const lower = identifier.toLowerCase();
    return this.users.get(identifier) ?? this.groups.get(identifier) ?? this.byName.get(lower) ?? this.byEmail.get(lower);
  }

  changed(): void {
    this.version++;
  }

  /** Users in creation order: the order of an unfiltered ListUsers. */
  usersInOrder(): UserRecord[] {
    return this.cached('order', () => [...this.users.values()]);
  }

  /** Users sorted by the lower-cased key, for prefix filters by binary search. */
  usersSortedBy(key: UserSortKey): UserRecord[] {
    return this.cached(key, () =>
      [...this.users.values()].filter((user) => user[key] !== undefined).sort((a, b) => compare(sortKey(a, key), sortKey(b, key))),
    );
  }

  private cached(name: string, build: () => UserRecord[]): UserRecord[] {
    const hit = this.sorted.get(name);
    if (hit && hit.version === this.version) return hit.list;
    const list = build();
    this.sorted.set(name, { version: this.version, list });
    return list;
  }
}

export function sortKey(user: UserRecord, key: UserSortKey): string {
  return (user[key] ?? '').toLowerCase();
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The users whose `key` starts with `prefix` (case-insensitive), from a list sorted by that key. */
export function prefixRange(sortedUsers: UserRecord[], key: UserSortKey, prefix: string): UserRecord[] {
  const wanted = prefix.toLowerCase();
  const lowerBound = (target: string) => {
    let lo = 0;
    let hi = sortedUsers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortKey(sortedUsers[mid]!, key) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = lowerBound(wanted);
  // '\uffff' sorts after every character a key can hold, so this bounds the prefix's range.
  const end = lowerBound(`${wanted}\uffff`);
  return sortedUsers.slice(start, end);
}
