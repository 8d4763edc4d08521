/**
 * What every operation shares: the context it runs in, input accessors, and the organization
 * and entity look-ups with the errors WorkMail gives when they fail (docs/emulator.md).
 */
import { entityNotFound, entityState, invalidParameter, WorkMailError } from '../errors';
import type { EntityRecord, GroupRecord, Organization, UserRecord } from '../model';
import type { PasswordPolicy } from '../passwords';

export interface OperationContext {
  organizations: Map<string, Organization>;
  policy: PasswordPolicy;
  region: string;
  accountId: string;
}

export type Input = Record<string, unknown>;
export type Handler = (input: Input, ctx: OperationContext) => Promise<object> | object;

export const text = (input: Input, key: string): string | undefined => input[key] as string | undefined;
export const need = (input: Input, key: string): string => input[key] as string;
/** Epoch seconds: the JS SDK reads timestamps as JSON numbers only (docs/workmail.md). */
export const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

export function organization(ctx: OperationContext, input: Input, { requireActive = true } = {}): Organization {
  const id = need(input, 'OrganizationId');
  const org = ctx.organizations.get(id);
  if (!org) throw new WorkMailError('OrganizationNotFoundException', `The organization ${id} does not exist.`);
  if (requireActive && org.state !== 'Active')
    throw new WorkMailError('OrganizationStateException', `The organization ${id} is in state ${org.state}, not Active.`);
  return org;
}

/** Writes against a directory WorkMail does not own (AD Connector) are refused (docs/workmail.md, "Context"). */
export function writable(org: Organization): Organization {
  if (org.directoryType === 'AD Connector')
    throw new WorkMailError(
      'UnsupportedOperationException',
      'This operation is not supported for organizations whose directory is an AD Connector.',
    );
  return org;
}

export function findUser(org: Organization, identifier: string): UserRecord {
  const entity = org.find(identifier);
  if (entity?.kind !== 'user') throw entityNotFound(`The user ${identifier} was`);
  return entity;
}

export function findGroup(org: Organization, identifier: string): GroupRecord {
  const entity = org.find(identifier);
  if (entity?.kind !== 'group') throw entityNotFound(`The group ${identifier} was`);
  return entity;
}

export function findEntity(org: Organization, identifier: string): EntityRecord {
  const entity = org.find(identifier);
  if (!entity) throw entityNotFound(`The entity ${identifier} was`);
  return entity;
}

export function notDeleted<T extends EntityRecord>(entity: T): T {
  if (entity.state === 'DELETED') throw entityState(`The entity ${entity.id} is deleted.`);
  return entity;
}

export function onlyOneFilter(filters: unknown): [string, string] | undefined {
  const set = Object.entries((filters ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (set.length > 1) throw invalidParameter(`Only one filter may be set per request; got ${set.map(([k]) => `Filters.${k}`).join(', ')}.`);
  return set[0] as [string, string] | undefined;
}

export function throwNotFound(what: string): never {
  throw entityNotFound(what);
}
