/** The user operations: list, describe, create, update, delete, and ResetPassword. */
import { randomUUID } from 'node:crypto';
import { entityNotFound, entityState, WorkMailError } from '../errors';
import { prefixRange, USER_ATTRIBUTES, type UserRecord, type UserRole } from '../model';
import { paginate } from '../paging';
import { checkPasswordPolicy, hashPassword } from '../passwords';
import {
  findUser,
  need,
  notDeleted,
  onlyOneFilter,
  organization,
  seconds,
  text,
  writable,
  type Input,
  type OperationContext,
} from './context';

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

export function listUsers(input: Input, ctx: OperationContext) {
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

export function describeUser(input: Input, ctx: OperationContext) {
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

export async function resetPassword(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  // ResetPassword takes the user's id, not a name or email (WorkMailIdentifier, API reference).
  const user = org.users.get(need(input, 'UserId'));
  if (!user) throw entityNotFound(`The user ${need(input, 'UserId')} was`);
  if (user.state !== 'ENABLED')
    throw entityState(`The user ${user.id} is ${user.state}; only enabled users can have their password reset.`);
  const password = need(input, 'Password');
  checkPasswordPolicy(password, ctx.policy);
  user.password = await hashPassword(password);
  return {};
}

export async function createUser(input: Input, ctx: OperationContext) {
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

export function deleteUser(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  const user = findUser(org, need(input, 'UserId'));
  if (user.state !== 'DISABLED') throw entityState(`The user ${user.id} is ${user.state}; deregister it from WorkMail before deleting it.`);
  user.state = 'DELETED';
  user.password = undefined;
  for (const group of org.groups.values()) group.members.delete(user.id);
  org.changed();
  return {};
}

export function updateUser(input: Input, ctx: OperationContext) {
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
