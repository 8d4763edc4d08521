/**
 * Provider-neutral directory types. Pages, access rules and audit use only these; the WorkMail
 * adapter (lib/workmail) maps its SDK shapes into them, so another directory can replace it.
 */
export type PersonState = 'enabled' | 'disabled' | 'deleted';

/** What kind of mailbox owner: only `user` and `remote-user` are people who can be reset. */
export type PersonKind = 'user' | 'remote-user' | 'resource' | 'system-user';

export interface Person {
  id: string;
  organizationId: string;
  username: string;
  displayName: string;
  email?: string;
  state: PersonState;
  kind: PersonKind;
  /** Signs in through an external identity source (WorkMail: IAM Identity Center), which owns the password. */
  externallyManaged: boolean;
  enabledAt?: Date;
}

/** A person with the names of every group they belong to, directly or through nesting. */
export interface PersonWithGroups extends Person {
  groups: readonly string[];
}
