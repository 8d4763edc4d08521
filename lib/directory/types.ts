/**
 * The directory port (docs/architecture.md): the people and questions the portal deals in. Pages,
 * access rules and audit use only these; each provider (lib/providers/<name>) maps its own shapes
 * into them. This folder imports nothing else from lib/.
 */
import type { DirectoryError } from './errors';

export type PersonState = 'enabled' | 'disabled' | 'deleted';

/** What kind of account: only a `person` can be reset; a `resource` is a room or equipment, a `service` account belongs to a system. */
export type PersonKind = 'person' | 'resource' | 'service';

export interface Person {
  id: string;
  organizationId: string;
  username: string;
  displayName: string;
  email?: string;
  state: PersonState;
  kind: PersonKind;
  /** Signs in through an external identity source (the provider names it), which owns the password. */
  externallyManaged: boolean;
  enabledAt?: Date;
  /** Locked after too many wrong passwords, where the directory says so (a fact to show: a reset may not unlock it). */
  lockedOut?: boolean;
  /** Further addresses of the mailbox; only where they were looked up (aliasesOf), never from a listing. */
  aliases?: readonly string[];
}

/** A person with the names of every group they belong to, directly or through nesting. */
export interface PersonWithGroups extends Person {
  groups: readonly string[];
}

/** The fields a directory can match by prefix. */
export type PrefixField = 'username' | 'displayName' | 'email';

export interface PersonPage {
  people: Person[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export interface ResetOptions {
  /**
   * The person must choose a new password at their next sign-in (Active Directory: pwdLastSet=0;
   * OpenLDAP's ppolicy: pwdReset=TRUE). Asked only of providers with canForceChangeAtNextSignIn.
   */
  requireChange?: boolean;
  /**
   * Who the reset is done for, and the reason they gave: a directory that can carry the operator
   * into its own log does (when configured to); others ignore it.
   */
  operator?: { subject: string; email?: string };
  ticket?: string;
}

/** The session a change ran under on the operator's behalf: the role as the provider names it, and the identity the directory's log shows. */
export interface OperatorSession {
  role: string;
  identity: string;
}

/** What a reset did besides setting the password. */
export interface ResetOutcome {
  /** The provider's request id, for IT to quote. */
  requestId?: string;
  /** Present when `requireChange` was asked: whether the directory now requires a change at next sign-in. */
  requireChangeApplied?: boolean;
  /** Why it does not, when the password was set but that second step was refused (for logs). */
  requireChangeError?: DirectoryError;
  /** Present when the change ran under a session that names the operator in the directory's own log. */
  operatorSession?: OperatorSession;
}

/** What the portal needs from a directory: a few questions and one command, per organization. */
export interface Directory {
  /** A page of people in the directory's own order. */
  listPeople(organizationId: string, options: { cursor?: string; limit: number }): Promise<PersonPage>;
  /** Every person, for the in-memory word index; `progress` hears the count read so far. */
  allPeople(organizationId: string, progress?: (loaded: number) => void): Promise<Person[]>;
  /**
   * People whose username, display name or email (or only the `fields` given) starts with
   * `query`, plus an exact email or id match; `truncated` when the directory holds more matches
   * than it returned.
   */
  findByPrefix(organizationId: string, query: string, fields?: readonly PrefixField[]): Promise<{ people: Person[]; truncated: boolean }>;
  /** One person by id, username or email; null when there is none. */
  getPerson(organizationId: string, identifier: string): Promise<Person | null>;
  /** The person's further email addresses (not the primary one); empty for an unknown id. */
  aliasesOf(organizationId: string, personId: string): Promise<string[]>;
  /** Names of every group the person belongs to, directly or through nested groups. */
  groupsOf(organizationId: string, personId: string): Promise<string[]>;
  /**
   * Ids of every person in a group, directly or through nested groups. A group the directory does
   * not hold (or holds twice under that name) throws `group-not-found`: a protected or delegated
   * group misnamed in the access policy must refuse, never quietly protect or grant nobody.
   */
  membersOf(organizationId: string, groupName: string): Promise<Set<string>>;
  /** Lets go of connections (LDAP pools), when an edit of the access policy replaces this directory. */
  close?(): Promise<void>;
  /** Sets a new password. The password goes to the directory and nowhere else. */
  resetPassword(organizationId: string, personId: string, password: string, options?: ResetOptions): Promise<ResetOutcome>;
}
