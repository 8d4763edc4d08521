/**
 * The input shapes of the operations the emulator implements, copied from the WorkMail service
 * model (botocore data/workmail/2017-10-01/service-2.json), and a validator that enforces them.
 * The JS SDK validates nothing client-side (docs/workmail.md), so every constraint is enforced here.
 */
import { WorkMailError } from './errors';
import { USER_ATTRIBUTES } from './model';

export type Shape =
  | { type: 'string'; min?: number; max?: number; pattern?: string; enum?: readonly string[] }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'structure'; members: Record<string, Shape>; required?: readonly string[] };

const str = (min: number | undefined, max: number, pattern?: string): Shape => ({ type: 'string', min, max, pattern });
const enumOf = (...values: string[]): Shape => ({ type: 'string', enum: values });
const struct = (members: Record<string, Shape>, required: string[] = []): Shape => ({
  type: 'structure',
  members,
  required,
});

export const S = {
  OrganizationId: str(34, 34, '^m-[0-9a-f]{32}$'),
  WorkMailIdentifier: str(12, 256),
  EntityIdentifier: str(1, 256, '[a-zA-Z0-9._%+@-]+'),
  Password: str(undefined, 256, '[\\u0020-\\u00FF]+'),
  UserName: str(1, 64, '[\\w\\-.]+(@[a-zA-Z0-9.\\-]+\\.[a-zA-Z0-9-]{2,})?'),
  EmailAddress: str(1, 254, '[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\\.[a-zA-Z-]{2,}'),
  GroupName: str(1, 256, '[\\u0020-\\u00FF]+'),
  String: str(undefined, 256),
  UserAttribute: str(undefined, 256),
  NextToken: str(1, 1024),
  MaxResults: { type: 'integer', min: 1, max: 100 } as Shape,
  EntityState: enumOf('ENABLED', 'DISABLED', 'DELETED'),
  UserRole: enumOf('USER', 'RESOURCE', 'SYSTEM_USER', 'REMOTE_USER'),
  IdentityProviderUserId: str(1, 47, '^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$'),
  IdentityProviderUserIdForUpdate: str(
    0,
    47,
    '^$|^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$',
  ),
  IdentityProviderUserIdPrefix: str(1, 47, '^[A-Fa-f0-9-]+$'),
  Boolean: { type: 'boolean' } as Shape,
} as const;

const page = { NextToken: S.NextToken, MaxResults: S.MaxResults };
const userAttributes = Object.fromEntries(USER_ATTRIBUTES.map((name) => [name, S.UserAttribute]));

/** Input shape of every implemented operation, by operation name. */
export const INPUT_SHAPES: Record<string, Shape> = {
  ResetPassword: struct({ OrganizationId: S.OrganizationId, UserId: S.WorkMailIdentifier, Password: S.Password }, [
    'OrganizationId',
    'UserId',
    'Password',
  ]),
  ListUsers: struct(
    {
      OrganizationId: S.OrganizationId,
      ...page,
      Filters: struct({
        UsernamePrefix: S.String,
        DisplayNamePrefix: S.UserAttribute,
        PrimaryEmailPrefix: S.String,
        State: S.EntityState,
        IdentityProviderUserIdPrefix: S.IdentityProviderUserIdPrefix,
      }),
    },
    ['OrganizationId'],
  ),
  DescribeUser: struct({ OrganizationId: S.OrganizationId, UserId: S.EntityIdentifier }, ['OrganizationId', 'UserId']),
  ListGroups: struct(
    {
      OrganizationId: S.OrganizationId,
      ...page,
      Filters: struct({ NamePrefix: S.String, PrimaryEmailPrefix: S.String, State: S.EntityState }),
    },
    ['OrganizationId'],
  ),
  ListGroupMembers: struct({ OrganizationId: S.OrganizationId, GroupId: S.EntityIdentifier, ...page }, ['OrganizationId', 'GroupId']),
  ListGroupsForEntity: struct(
    {
      OrganizationId: S.OrganizationId,
      EntityId: S.EntityIdentifier,
      Filters: struct({ GroupNamePrefix: S.String }),
      ...page,
    },
    ['OrganizationId', 'EntityId'],
  ),
  ListOrganizations: struct({ ...page }),
  DescribeOrganization: struct({ OrganizationId: S.OrganizationId }, ['OrganizationId']),
  CreateUser: struct(
    {
      OrganizationId: S.OrganizationId,
      Name: S.UserName,
      DisplayName: S.UserAttribute,
      Password: S.Password,
      Role: S.UserRole,
      FirstName: S.UserAttribute,
      LastName: S.UserAttribute,
      HiddenFromGlobalAddressList: S.Boolean,
      IdentityProviderUserId: S.IdentityProviderUserId,
    },
    ['OrganizationId', 'Name', 'DisplayName'],
  ),
  RegisterToWorkMail: struct({ OrganizationId: S.OrganizationId, EntityId: S.EntityIdentifier, Email: S.EmailAddress }, [
    'OrganizationId',
    'EntityId',
    'Email',
  ]),
  DeregisterFromWorkMail: struct({ OrganizationId: S.OrganizationId, EntityId: S.EntityIdentifier }, ['OrganizationId', 'EntityId']),
  DeleteUser: struct({ OrganizationId: S.OrganizationId, UserId: S.EntityIdentifier }, ['OrganizationId', 'UserId']),
  UpdateUser: struct(
    {
      OrganizationId: S.OrganizationId,
      UserId: S.EntityIdentifier,
      Role: S.UserRole,
      DisplayName: S.UserAttribute,
      HiddenFromGlobalAddressList: S.Boolean,
      IdentityProviderUserId: S.IdentityProviderUserIdForUpdate,
      ...userAttributes,
    },
    ['OrganizationId', 'UserId'],
  ),
  CreateGroup: struct({ OrganizationId: S.OrganizationId, Name: S.GroupName, HiddenFromGlobalAddressList: S.Boolean }, [
    'OrganizationId',
    'Name',
  ]),
  AssociateMemberToGroup: struct({ OrganizationId: S.OrganizationId, GroupId: S.EntityIdentifier, MemberId: S.EntityIdentifier }, [
    'OrganizationId',
    'GroupId',
    'MemberId',
  ]),
  DisassociateMemberFromGroup: struct({ OrganizationId: S.OrganizationId, GroupId: S.EntityIdentifier, MemberId: S.EntityIdentifier }, [
    'OrganizationId',
    'GroupId',
    'MemberId',
  ]),
  DescribeGroup: struct({ OrganizationId: S.OrganizationId, GroupId: S.EntityIdentifier }, ['OrganizationId', 'GroupId']),
  // EntityId is a WorkMailIdentifier here (12..256, no pattern): the entity's id, not a name.
  ListAliases: struct({ OrganizationId: S.OrganizationId, EntityId: S.WorkMailIdentifier, ...page }, ['OrganizationId', 'EntityId']),
};

/** Service patterns must match the whole value (as the Java services do), not a part of it. */
const compiled = new Map<string, RegExp>();
function fullMatch(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * Validates `value` against `shape`. A wrong JSON type is a SerializationException (as AWS
 * answers when it cannot read the body); a broken constraint is an InvalidParameterException.
 * Messages name the member and never echo the value, which may be a password.
 */
export function validateInput(shape: Shape, value: unknown): void {
  const problems: string[] = [];
  check(shape, value, '', problems);
  if (problems.length > 0) {
    const n = problems.length;
    throw new WorkMailError('InvalidParameterException', `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
  }
}

function typeError(path: string, expected: string): WorkMailError {
  return new WorkMailError('SerializationException', `Member '${path || 'input'}' must be ${expected}.`);
}

function check(shape: Shape, value: unknown, path: string, problems: string[]): void {
  const at = `Value at '${path}' failed to satisfy constraint: Member must`;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw typeError(path, 'a JSON object');
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null)
          problems.push(`Value at '${join(path, name)}' failed to satisfy constraint: Member must not be null`);
      }
      for (const [name, member] of Object.entries(record)) {
        const memberShape = shape.members[name];
        if (!memberShape) {
          problems.push(`'${join(path, name)}' is not a member of this operation's input`);
          continue;
        }
        if (member !== undefined && member !== null) check(memberShape, member, join(path, name), problems);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') throw typeError(path, 'a string');
      if (shape.enum && !shape.enum.includes(value)) {
        problems.push(`${at} satisfy enum value set: [${shape.enum.join(', ')}]`);
        return;
      }
      if (shape.min !== undefined && value.length < shape.min) problems.push(`${at} have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) problems.push(`${at} have length less than or equal to ${shape.max}`);
      if (shape.pattern && !fullMatch(shape.pattern).test(value))
        problems.push(`${at} satisfy regular expression pattern: ${shape.pattern}`);
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(path, 'an integer');
      if (shape.min !== undefined && value < shape.min) problems.push(`${at} have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) problems.push(`${at} have value less than or equal to ${shape.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(path, 'a boolean');
      return;
  }
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
