/** The group operations: list, describe, create, members, and the groups an entity belongs to. */
import { randomUUID } from 'node:crypto';
import { entityNotFound, invalidParameter, WorkMailError } from '../errors';
import type { EntityRecord, GroupRecord } from '../model';
import { paginate } from '../paging';
import {
  findEntity,
  findGroup,
  need,
  notDeleted,
  onlyOneFilter,
  organization,
  seconds,
  writable,
  type Input,
  type OperationContext,
} from './context';

const groupSummary = (g: GroupRecord) => ({
  Id: g.id,
  Email: g.email,
  Name: g.name,
  State: g.state,
  EnabledDate: seconds(g.enabledDate),
  DisabledDate: seconds(g.disabledDate),
});

export function listGroups(input: Input, ctx: OperationContext) {
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

export function listGroupMembers(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const group = notDeleted(findGroup(org, need(input, 'GroupId')));
  const members = [...group.members].map((id) => org.users.get(id) ?? org.groups.get(id)).filter((m): m is EntityRecord => m !== undefined);
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

export function listGroupsForEntity(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const entity = notDeleted(findEntity(org, need(input, 'EntityId')));
  const prefix = ((input.Filters as Input | undefined)?.GroupNamePrefix as string | undefined)?.toLowerCase() ?? '';
  const groups = [...org.groups.values()].filter((g) => g.members.has(entity.id) && g.name.toLowerCase().startsWith(prefix));
  const { page, nextToken } = paginate(groups, input, `ListGroupsForEntity/${org.id}/${entity.id}/${prefix}`);
  return { Groups: page.map((g) => ({ GroupId: g.id, GroupName: g.name })), NextToken: nextToken };
}

export function describeGroup(input: Input, ctx: OperationContext) {
  const org = organization(ctx, input);
  const g = findGroup(org, need(input, 'GroupId'));
  const { Id, ...rest } = groupSummary(g);
  return { GroupId: Id, ...rest, HiddenFromGlobalAddressList: g.hidden };
}

export function createGroup(input: Input, ctx: OperationContext) {
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

function membership(input: Input, ctx: OperationContext) {
  const org = writable(organization(ctx, input));
  const group = notDeleted(findGroup(org, need(input, 'GroupId')));
  const member = notDeleted(findEntity(org, need(input, 'MemberId')));
  return { org, group, member };
}

export function associateMemberToGroup(input: Input, ctx: OperationContext) {
  const { group, member } = membership(input, ctx);
  if (member.id === group.id) throw invalidParameter('A group cannot be a member of itself.');
  group.members.add(member.id);
  return {};
}

export function disassociateMemberFromGroup(input: Input, ctx: OperationContext) {
  const { group, member } = membership(input, ctx);
  if (!group.members.delete(member.id)) throw entityNotFound(`The member ${member.id} of group ${group.id} was`);
  return {};
}
