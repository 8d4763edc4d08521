/**
 * The WorkMail operations: each takes a validated input (shapes.ts) and the emulator's state and
 * returns the output object, or throws a WorkMailError. State rules follow docs/workmail.md.
 */
import { randomUUID } from 'node:crypto';
import { entityNotFound, entityState, invalidParameter, WorkMailError } from './errors';
import {
  prefixRange,
  USER_ATTRIBUTES,
  type EntityRecord,
  type GroupRecord,
  type Organization,
  type UserRecord,
  type UserRole,
} from './model';
import { paginate } from './paging';
import { checkPasswordPolicy, hashPassword, type PasswordPolicy } from './passwords';

export interface OperationContext {
  organizations: Map<string, Organization>;
  policy: PasswordPolicy;
  region: string;
  accountId: string;
}

type Input = Record<string, unknown>;
type Handler = (input: Input, ctx: OperationContext) => Promise<object> | object;

const text = (input: Input, key: string): string | undefined => input[key] as string | undefined;
const need = (input: Input, key: string): string => input[key] as string;
/** Epoch seconds: the JS SDK reads timestamps as JSON numbers only (docs/workmail.md). */
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function organization(ctx: OperationContext, input: Input, { requireActive = true } = {}): Organization {
  const id = need(input, 'OrganizationId');
  const org = ctx.organizations.get(id);
  if (!org) throw new WorkMailError('OrganizationNotFoundException', `The organization ${id} does not exist.`);
  if (requireActive && org.state !== 'Active')
    throw new WorkMailError('OrganizationStateException', `The organization ${id} is in state ${org.state}, not Active.`);
  return org;
}

/** Writes against a directory WorkMail does not own (AD Connector) are refused (docs/workmail.md, "Context"). */
function writable(org: Organization): Organization {
  if (org.directoryType === 'AD Connector')
    throw new WorkMailError(
      'UnsupportedOperationException',
      'This operation is not supported for organizations whose directory is an AD Connector.',
    );
  return org;
}

function findUser(org: Organization, identifier: string): UserRecord {
  const entity = org.find(identifier);
  if (entity?.kind !== 'user') throw entityNotFound(`The user ${identifier} was`);
  return entity;
}

function findGroup(org: Organization, identifier: string): GroupRecord {
  const entity = org.find(identifier);
  if (entity?.kind !== 'group') throw entityNotFound(`The group ${identifier} was`);
  return entity;
}

function findEntity(org: Organization, identifier: string): EntityRecord {
  const entity = org.find(identifier);
  if (!entity) throw entityNotFound(`The entity ${identifier} was`);
  return entity;
}

function notDeleted<T extends EntityRecord>(entity: T): T {
  if (entity.state === 'DELETED') throw entityState(`The entity ${entity.id} is deleted.`);
  return entity;
}

function onlyOneFilter(filters: unknown): [string, string] | undefined {
  const set = Object.entries((filters ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (set.length > 1)
    throw invalidParameter(`Only one filter may be set per request; got ${set.map(([k]) => `Filters.${k}`).join(', ')}.`);
  return set[0] as [string, string] | undefined;
}

const userSummary = (u: UserRecord) => ({
  Id: u.id,
  Email: u.email,
  Name: u.name,
  DisplayName: u.displayName,
  State: u.state,
  UserRole: u.role,
  EnabledDate: seconds(u.enabledDate),
  DisabledDate: seconds(u.disabledDate),
  IdentityProviderUserId: u.identityProviderUserId,
  IdentityProviderIdentityStoreId: u.identityProviderIdentityStoreId,
});

const groupSummary = (g: GroupRecord) => ({
  Id: g.id,
  Email: g.email,
  Name: g.name,
  State: g.state,
  EnabledDate: seconds(g.enabledDate),
  DisabledDate: seconds(g.disabledDate),
});

function listUsers(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const filter = onlyOneFilter(input.Filters);
  let users: readonly UserRecord[];
  const [name, value] = filter ?? ['', ''];
  switch (name) {
    case 'UsernamePrefix':
      users = prefixRange(org.usersSortedBy('name'), 'name', value);
      break;
    case 'DisplayNamePrefix':
      users = prefixRange(org.usersSortedBy('displayName'), 'displayName', value);
      break;
    case 'PrimaryEmailPrefix':
      users = prefixRange(org.usersSortedBy('email'), 'email', value);
      break;
    case 'State':
      users = org.usersInOrder().filter((u) => u.state === value);
      break;
    case 'IdentityProviderUserIdPrefix':
      users = org.usersInOrder().filter((u) => u.identityProviderUserId?.toLowerCase().startsWith(value.toLowerCase()));
      break;
    default:
      users = org.usersInOrder();
  }
  const { page, nextToken } = paginate(users, input, `ListUsers/${org.id}/${name}=${value}`);
  return { Users: page.map(userSummary), NextToken: nextToken };
}

function listGroups(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const [name, value] = onlyOneFilter(input.Filters) ?? ['', ''];
  const wanted = value.toLowerCase();
  const groups = [...org.groups.values()].filter((g) => {
    if (name === 'NamePrefix') return g.name.toLowerCase().startsWith(wanted);
    if (name === 'PrimaryEmailPrefix') return g.email?.toLowerCase().startsWith(wanted) ?? false;
    if (name === 'State') return g.state === value;
    return true;
  });
  const { page, nextToken } = paginate(groups, input, `ListGroups/${org.id}/${name}=${value}`);
  return { Groups: page.map(groupSummary), NextToken: nextToken };
}

function listGroupMembers(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const group = notDeleted(findGroup(org, need(input, 'GroupId')));
  const members = [...group.members]
    .map((id) => org.users.get(id) ?? org.groups.get(id))
    .filter((m): m is EntityRecord => m !== undefined);
  const { page, nextToken } = paginate(members, input, `ListGroupMembers/${org.id}/${group.id}`);
  return {
    Members: page.map((m) => ({
      Id: m.id,
      Name: m.name,
      Type: m.kind === 'user' ? 'USER' : 'GROUP',
      State: m.state,
      EnabledDate: seconds(m.enabledDate),
      DisabledDate: seconds(m.disabledDate),
    })),
    NextToken: nextToken,
  };
}

function listGroupsForEntity(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const entity = notDeleted(findEntity(org, need(input, 'EntityId')));
  const prefix = ((input.Filters as Input | undefined)?.GroupNamePrefix as string | undefined)?.toLowerCase() ?? '';
  const groups = [...org.groups.values()].filter((g) => g.members.has(entity.id) && g.name.toLowerCase().startsWith(prefix));
  const { page, nextToken } = paginate(groups, input, `ListGroupsForEntity/${org.id}/${entity.id}/${prefix}`);
  return { Groups: page.map((g) => ({ GroupId: g.id, GroupName: g.name })), NextToken: nextToken };
}

function describeUser(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const u = findUser(org, need(input, 'UserId'));
  return {
    ...Object.fromEntries(USER_ATTRIBUTES.map((k) => [k, u.attributes[k]])),
    UserId: u.id,
    Name: u.name,
    Email: u.email,
    DisplayName: u.displayName,
    State: u.state,
    UserRole: u.role,
    EnabledDate: seconds(u.enabledDate),
    DisabledDate: seconds(u.disabledDate),
    MailboxProvisionedDate: seconds(u.mailboxProvisionedDate),
    MailboxDeprovisionedDate: seconds(u.mailboxDeprovisionedDate),
    HiddenFromGlobalAddressList: u.hidden,
    IdentityProviderUserId: u.identityProviderUserId,
    IdentityProviderIdentityStoreId: u.identityProviderIdentityStoreId,
  };
}

function describeGroup(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const g = findGroup(org, need(input, 'GroupId'));
  const { Id, ...rest } = groupSummary(g);
  return { GroupId: Id, ...rest, HiddenFromGlobalAddressList: g.hidden };
}

function organizationSummary(org: Organization) {
  return { OrganizationId: org.id, Alias: org.alias, DefaultMailDomain: org.defaultMailDomain, State: org.state };
}

function listOrganizations(input: Input, ctx: OperationContext) {
  const { page, nextToken } = paginate([...ctx.organizations.values()], input, 'ListOrganizations');
  return { OrganizationSummaries: page.map(organizationSummary), NextToken: nextToken };
}

function describeOrganization(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input, { requireActive: false });
  return {
    ...organizationSummary(org),
    DirectoryId: org.directoryId,
    DirectoryType: org.directoryType,
    CompletedDate: seconds(org.completedDate),
    ARN: `arn:aws:workmail:${ctx.region}:${ctx.accountId}:organization/${org.id}`,
    InteroperabilityEnabled: false,
  };
}

/** The entity's aliases, not its primary address; ids only (WorkMailIdentifier), like ResetPassword. */
function listAliases(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const id = need(input, 'EntityId');
  const entity = notDeleted(org.users.get(id) ?? org.groups.get(id) ?? throwNotFound(`The entity ${id} was`));
  const { page, nextToken } = paginate(entity.aliases ?? [], input, `ListAliases/${org.id}/${entity.id}`);
  return { Aliases: page, NextToken: nextToken };
}

function throwNotFound(what: string): never {
  throw entityNotFound(what);
}

async function resetPassword(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  // ResetPassword takes the user's id, not a name or email (WorkMailIdentifier, API reference).
  const user = org.users.get(need(input, 'UserId'));
  if (!user) throw entityNotFound(`The user ${need(input, 'UserId')} was`);
  if (user.state !== 'ENABLED') throw entityState(`The user ${user.id} is ${user.state}; only enabled users can have their password reset.`);
  const password = need(input, 'Password');
  checkPasswordPolicy(password, ctx.policy);
  user.password = await hashPassword(password);
  return {};
}

async function createUser(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  const name = need(input, 'Name');
  if (org.nameTaken(name)) throw new WorkMailError('NameAvailabilityException', `The name ${name} is already in use.`);
  if (['administrator', 'root', 'postmaster'].includes(name.toLowerCase()))
    throw new WorkMailError('ReservedNameException', `The name ${name} is reserved.`);
  const password = text(input, 'Password');
  if (password !== undefined) checkPasswordPolicy(password, ctx.policy);
  const user: UserRecord = {
    kind: 'user',
    id: randomUUID(),
    name,
    displayName: need(input, 'DisplayName'),
    state: 'DISABLED',
    role: (text(input, 'Role') as UserRole | undefined) ?? 'USER',
    attributes: { FirstName: text(input, 'FirstName'), LastName: text(input, 'LastName') },
    hidden: input.HiddenFromGlobalAddressList === true,
    identityProviderUserId: text(input, 'IdentityProviderUserId'),
    password: password === undefined ? undefined : await hashPassword(password),
  };
  org.add(user);
  return { UserId: user.id };
}

function createGroup(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  const name = need(input, 'Name');
  if (org.nameTaken(name)) throw new WorkMailError('NameAvailabilityException', `The name ${name} is already in use.`);
  const group: GroupRecord = {
    kind: 'group',
    id: randomUUID(),
    name,
    state: 'DISABLED',
    hidden: input.HiddenFromGlobalAddressList === true,
    members: new Set(),
  };
  org.add(group);
  return { GroupId: group.id };
}

function registerToWorkMail(input: Input, ctx: OperationContext) {
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

function deregisterFromWorkMail(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const entity = findEntity(org, need(input, 'EntityId'));
  if (entity.state !== 'ENABLED') throw entityState(`The entity ${entity.id} is ${entity.state}, not ENABLED.`);
  entity.state = 'DISABLED';
  entity.disabledDate = Date.now();
  if (entity.kind === 'user') entity.mailboxDeprovisionedDate = entity.disabledDate;
  org.changed();
  return {};
}

function deleteUser(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  const user = findUser(org, need(input, 'UserId'));
  if (user.state !== 'DISABLED')
    throw entityState(`The user ${user.id} is ${user.state}; deregister it from WorkMail before deleting it.`);
  user.state = 'DELETED';
  user.password = undefined;
  for (const group of org.groups.values()) group.members.delete(user.id);
  org.changed();
  return {};
}

function updateUser(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  const user = notDeleted(findUser(org, need(input, 'UserId')));
  if (input.Role !== undefined) user.role = input.Role as UserRole;
  if (input.DisplayName !== undefined) user.displayName = need(input, 'DisplayName');
  if (input.HiddenFromGlobalAddressList !== undefined) user.hidden = input.HiddenFromGlobalAddressList === true;
  if (input.IdentityProviderUserId !== undefined) user.identityProviderUserId = need(input, 'IdentityProviderUserId') || undefined;
  for (const key of USER_ATTRIBUTES) if (input[key] !== undefined) user.attributes[key] = need(input, key);
  org.changed();
  return {};
}

function membership(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  const group = notDeleted(findGroup(org, need(input, 'GroupId')));
  const member = notDeleted(findEntity(org, need(input, 'MemberId')));
  return { org, group, member };
}

function associateMemberToGroup(input: Input, ctx: OperationContext) {
  const { group, member } = membership(input, ctx);
  if (member.id === group.id) throw invalidParameter('A group cannot be a member of itself.');
  group.members.add(member.id);
  return {};
}

function disassociateMemberFromGroup(input: Input, ctx: OperationContext) {
  const { group, member } = membership(input, ctx);
  if (!group.members.delete(member.id)) throw entityNotFound(`The member ${member.id} of group ${group.id} was`);
  return {};
}

export const OPERATIONS: Record<string, Handler> = {
  ResetPassword: resetPassword,
  ListUsers: listUsers,
  DescribeUser: describeUser,
  ListGroups: listGroups,
  ListGroupMembers: listGroupMembers,
  ListGroupsForEntity: listGroupsForEntity,
  ListOrganizations: listOrganizations,
  DescribeOrganization: describeOrganization,
  CreateUser: createUser,
  RegisterToWorkMail: registerToWorkMail,
  DeregisterFromWorkMail: deregisterFromWorkMail,
  DeleteUser: deleteUser,
  UpdateUser: updateUser,
  CreateGroup: createGroup,
  AssociateMemberToGroup: associateMemberToGroup,
  DisassociateMemberFromGroup: disassociateMemberFromGroup,
  DescribeGroup: describeGroup,
  ListAliases: listAliases,
};
