/** Operations on users and groups alike: registering with WorkMail (mail enabled) and aliases. */
import { entityState, WorkMailError } from '../errors';
import { paginate } from '../paging';
import { findEntity, need, notDeleted, organization, throwNotFound, type Input, type OperationContext } from './context';

export function registerToWorkMail(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const entity = notDeleted(findEntity(org, need(input, 'EntityId')));
  if (entity.state === 'ENABLED')
    throw new WorkMailError('EntityAlreadyRegisteredException', `The entity ${entity.id} is already registered.`);
  const email = need(input, 'Email');
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  if (!org.mailDomains.includes(domain))
    throw new WorkMailError('MailDomainNotFoundException', `The mail domain ${domain} is not a domain of this organization.`);
  const owner = org.emailOwner(email);
  if (owner && owner !== entity) throw new WorkMailError('EmailAddressInUseException', `The address ${email} is already in use.`);
  org.setEmail(entity, email);
  entity.state = 'ENABLED';
  entity.enabledDate = Date.now();
  entity.disabledDate = undefined;
  if (entity.kind === 'user') entity.mailboxProvisionedDate = entity.enabledDate;
  org.changed();
  return {};
}

export function deregisterFromWorkMail(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const entity = findEntity(org, need(input, 'EntityId'));
  if (entity.state !== 'ENABLED') throw entityState(`The entity ${entity.id} is ${entity.state}, not ENABLED.`);
  entity.state = 'DISABLED';
  entity.disabledDate = Date.now();
  if (entity.kind === 'user') entity.mailboxDeprovisionedDate = entity.disabledDate;
  org.changed();
  return {};
}

/** The entity's aliases, not its primary address; ids only (WorkMailIdentifier), like ResetPassword. */
export function listAliases(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const id = need(input, 'EntityId');
  const entity = notDeleted(org.users.get(id) ?? org.groups.get(id) ?? throwNotFound(`The entity ${id} was`));
  const { page, nextToken } = paginate(entity.aliases ?? [], input, `ListAliases/${org.id}/${entity.id}`);
  return { Aliases: page, NextToken: nextToken };
}
