/**
 * The WorkMail operations: each takes a validated input (shapes.ts) and the emulator's state and
 * returns the output object, or throws a WorkMailError. One file per entity; this one maps the
 * operation names of X-Amz-Target to them. Behaviour worth knowing: docs/emulator.md.
 */
import type { Handler } from './context';
import { deregisterFromWorkMail, listAliases, registerToWorkMail } from './entities';
import {
  associateMemberToGroup,
  createGroup,
  describeGroup,
  disassociateMemberFromGroup,
  listGroupMembers,
  listGroups,
  listGroupsForEntity,
} from './groups';
import { describeOrganization, listOrganizations } from './organizations';
import { createUser, deleteUser, describeUser, listUsers, resetPassword, updateUser } from './users';

export type { OperationContext } from './context';

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
