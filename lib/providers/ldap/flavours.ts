/**
 * What differs between Active Directory and other LDAP servers when reading people and groups:
 * attribute names, the default filters, the id attribute and how an entry becomes a Person.
 * Every filter value from outside is escaped (RFC 4515) by ldapts's `escapeFilter`.
 */
import { AndFilter, EqualityFilter, FilterParser, OrFilter, escapeFilter, type Entry, type Filter } from 'ldapts';
import type { Person, PrefixField } from '../../directory/types';
import { guidFromBytes, guidToBytes, UUID } from './guid';

export type FlavourName = 'active-directory' | 'ldap';

export interface Flavour {
  /** Entries that are people (computers and other objects are not). */
  peopleFilter: string;
  groupFilter: string;
  /** The attributes a prefix search looks at, per field the portal asks for. */
  prefixAttributes: Record<PrefixField, readonly string[]>;
  usernameAttribute: string;
  /** Further exact matches for an identifier besides username and mail (AD: sign-in name, alias addresses). */
  identifierFilters(identifier: string): string[];
  attributes: string[];
  binaryAttributes: string[];
  /**
   * A filter matching one entry by its immutable id, or null when `id` cannot be one. A Filter
   * object, not a string: ldapts turns escaped bytes of a filter string into UTF-8 characters,
   * which would garble objectGUID's binary value.
   */
  idFilter(id: string): Filter | null;
  toPerson(entry: Entry, organizationId: string): Person;
}

const first = (value: Entry[string] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
};

/** LDAP GeneralizedTime (20250115090000.0Z or 20250115090000Z) as a Date. */
function generalizedTime(value: string | undefined): Date | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** userAccountControl's ACCOUNTDISABLE bit (Microsoft's userAccountControl docs). */
const ACCOUNT_DISABLE = 0x2;
/** ppolicy's permanent lock, which is how an OpenLDAP account is disabled. */
const LOCKED_FOREVER = '000001010000Z';

const activeDirectory: Flavour = {
  peopleFilter: '(&(objectCategory=person)(objectClass=user))',
  groupFilter: '(objectClass=group)',
  prefixAttributes: { username: ['sAMAccountName'], displayName: ['displayName', 'givenName', 'sn'], email: ['mail'] },
  usernameAttribute: 'sAMAccountName',
  // proxyAddresses matches case-insensitively, so `smtp:` finds the primary SMTP: address too.
  identifierFilters: (identifier) => [escapeFilter`(userPrincipalName=${identifier})`, escapeFilter`(proxyAddresses=smtp:${identifier})`],
  attributes: [
    'objectGUID',
    'sAMAccountName',
    'displayName',
    'cn',
    'mail',
    'userAccountControl',
    'whenCreated',
    'lockoutTime',
    'servicePrincipalName',
  ],
  binaryAttributes: ['objectGUID'],
  idFilter: (id) => (UUID.test(id) ? new EqualityFilter({ attribute: 'objectGUID', value: guidToBytes(id) }) : null),
  toPerson(entry, organizationId) {
    const control = Number(first(entry.userAccountControl) ?? 0);
    const username = first(entry.sAMAccountName) ?? '';
    return {
      id: guidFromBytes(entry.objectGUID as Buffer),
      organizationId,
      username,
      displayName: first(entry.displayName) ?? first(entry.cn) ?? username,
      email: first(entry.mail),
      state: control & ACCOUNT_DISABLE ? 'disabled' : 'enabled',
      // A user object with a service principal name is what a service runs as, not a person.
      kind: first(entry.servicePrincipalName) ? 'service' : 'person',
      externallyManaged: false,
      enabledAt: generalizedTime(first(entry.whenCreated)),
      // lockoutTime is set when wrong passwords lock the account and reset to 0 when it is unlocked.
      lockedOut: Number(first(entry.lockoutTime) ?? 0) > 0,
    };
  },
};

const ldap: Flavour = {
  peopleFilter: '(objectClass=inetOrgPerson)',
  groupFilter: '(objectClass=groupOfNames)',
  prefixAttributes: { username: ['uid'], displayName: ['displayName', 'givenName', 'sn'], email: ['mail'] },
  usernameAttribute: 'uid',
  identifierFilters: () => [],
  attributes: ['entryUUID', 'uid', 'displayName', 'cn', 'mail', 'pwdAccountLockedTime', 'createTimestamp'],
  binaryAttributes: [],
  idFilter: (id) => (UUID.test(id) ? new EqualityFilter({ attribute: 'entryUUID', value: id.toLowerCase() }) : null),
  toPerson(entry, organizationId) {
    const username = first(entry.uid) ?? '';
    const locked = first(entry.pwdAccountLockedTime);
    return {
      id: (first(entry.entryUUID) ?? '').toLowerCase(),
      organizationId,
      username,
      displayName: first(entry.displayName) ?? first(entry.cn) ?? username,
      email: first(entry.mail),
      state: locked === LOCKED_FOREVER ? 'disabled' : 'enabled',
      kind: 'person',
      externallyManaged: false,
      enabledAt: generalizedTime(first(entry.createTimestamp)),
      // ppolicy's lock after too many wrong passwords carries the time it began (the permanent lock is a disable).
      lockedOut: locked !== undefined && locked !== LOCKED_FOREVER,
    };
  },
};

export const FLAVOURS: Record<FlavourName, Flavour> = { 'active-directory': activeDirectory, ldap };

/** `(&(people)(|(a=q*)(b=q*)…))` over the attributes of the asked fields, `q` escaped. */
export function prefixFilter(flavour: Flavour, peopleFilter: string, query: string, fields: readonly PrefixField[]): string {
  const terms = [...new Set(fields.flatMap((f) => flavour.prefixAttributes[f]))].map(
    (attribute) => `(${attribute}=${escapeFilter`${query}`}*)`,
  );
  return `(&${peopleFilter}(|${terms.join('')}))`;
}

/** A person by username, email or (where the query has that shape) id. */
export function identifierFilter(flavour: Flavour, peopleFilter: string, identifier: string): Filter {
  const terms: Filter[] = [
    escapeFilter`(${flavour.usernameAttribute}=${identifier})`,
    escapeFilter`(mail=${identifier})`,
    ...(identifier.includes('@') ? flavour.identifierFilters(identifier) : []),
  ].map((f) => FilterParser.parseString(f));
  const byId = flavour.idFilter(identifier);
  if (byId) terms.push(byId);
  return new AndFilter({ filters: [FilterParser.parseString(peopleFilter), new OrFilter({ filters: terms })] });
}

/** The people filter and one more condition. */
export function peopleAnd(peopleFilter: string, condition: Filter): Filter {
  return new AndFilter({ filters: [FilterParser.parseString(peopleFilter), condition] });
}
