/**
 * The one access rule (docs/access-rules.md, rules 2–7). Pure: the search, the person page and the
 * reset action all ask it, so what is shown and what is enforced cannot drift.
 */
import type { ProviderWording } from '../directory/provider';
import type { PersonWithGroups } from '../directory/types';
import type { Actor } from './actor';

export type Action = 'view' | 'reset';

export type DenyReason =
  'no-role' | 'not-yours' | 'self' | 'deleted' | 'disabled' | 'resource' | 'service-account' | 'externally-managed' | 'protected';

export type Decision = { allowed: true } | { allowed: false; reason: DenyReason };

const deny = (reason: DenyReason): Decision => ({ allowed: false, reason });

/** Words for each reason, shown before anyone types a password; the directory's own advice where it has some. */
export const REASON_TEXT: Record<Exclude<DenyReason, 'disabled' | 'externally-managed'>, string> = {
  'no-role': 'You have no role in this portal.',
  'not-yours': 'Not found, or not someone you manage.',
  self: 'You cannot reset your own mailbox here. Use your normal password change.',
  deleted: 'This mailbox is deleted.',
  resource: 'This is a resource mailbox (a room or equipment), not a person.',
  'service-account': 'This is a system mailbox, not a person.',
  protected: 'This person is in a protected group: only an admin can reset them.',
};

export function reasonText(reason: DenyReason, wording: Pick<ProviderWording, 'refusals'>): string {
  if (reason === 'disabled') return wording.refusals.disabled;
  if (reason === 'externally-managed') return wording.refusals.externallyManaged;
  return REASON_TEXT[reason];
}

/**
 * Rule 6, by every name on both sides: the operator's email and username claims against the
 * mailbox's primary email, every alias and its username, ignoring case. A sign-in address that
 * is only an alias of the operator's own mailbox is still their mailbox.
 */
function isSelf(actor: Actor, person: PersonWithGroups): boolean {
  const names = (values: Array<string | undefined>) => values.filter((v): v is string => Boolean(v)).map((v) => v.toLowerCase());
  const theirs = new Set(names([person.email, person.username, ...(person.aliases ?? [])]));
  return names([actor.email, actor.username]).some((n) => theirs.has(n));
}

export function can(actor: Actor, action: Action, person: PersonWithGroups): Decision {
  if (actor.role === 'none') return deny('no-role');
  const access = actor.organizations.get(person.organizationId);
  if (!access) return deny('not-yours');
  if (access.scope !== 'all' && !access.scope.some((g) => person.groups.includes(g))) return deny('not-yours');
  if (action === 'view') return { allowed: true };

  if (isSelf(actor, person)) return deny('self');
  if (person.state === 'deleted') return deny('deleted');
  if (person.state === 'disabled') return deny('disabled');
  if (person.kind === 'resource') return deny('resource');
  if (person.kind === 'service') return deny('service-account');
  if (person.externallyManaged) return deny('externally-managed');
  if (actor.role !== 'admin' && access.protectedGroups.some((g) => person.groups.includes(g))) return deny('protected');
  return { allowed: true };
}

/** Whose events an operator may read on /audit: admins every event, leads only their own. */
export type AuditScope = { kind: 'all' } | { kind: 'own'; subject: string } | { kind: 'none' };

export function auditScope(actor: Actor): AuditScope {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'lead') return { kind: 'own', subject: actor.subject };
  return { kind: 'none' };
}
