/**
 * The WorkMail API actions the adapter calls, and so the only ones the portal's IAM role needs
 * (docs/iam-policy.json, `npm run iam:policy`). A test reads the adapter's SDK imports and fails
 * when this list and the code disagree, either way.
 */
import { organizationSettings, type WorkMailSettings } from './options';

type Organization = Pick<WorkMailSettings, 'id' | 'region'> & { roleArn?: string };

export const WORKMAIL_ACTIONS = [
  'DescribeUser',
  'ListAliases',
  'ListGroupMembers',
  'ListGroups',
  'ListGroupsForEntity',
  'ListUsers',
  'ResetPassword',
] as const;

/** The actions that run under an organization's reset role when it has one (lib/providers/workmail/directory.ts resetPassword). */
export const RESET_ROLE_ACTIONS = ['ResetPassword'] as const;
/** What the portal needs to start a reset role session that names the operator (lib/providers/workmail/role-sessions.ts). */
export const STS_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'] as const;
/** The session tags the portal sets (lib/providers/workmail/source-identity.ts). */
export const SESSION_TAG_KEYS = ['operator', 'ticket'] as const;

export interface IamStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource?: string[];
  Principal?: { AWS: string };
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: IamStatement[];
}

/** An organization's ARN (Service Authorization Reference: resource type `organization`). */
export const organizationArn = (org: Organization, account: string, partition = 'aws') =>
  `arn:${partition}:workmail:${org.region}:${account}:organization/${org.id}`;

const checkAccount = (account: string) => {
  if (!/^\d{12}$/.test(account)) throw new Error(`an AWS account id is 12 digits, not "${account}"`);
};

/**
 * Least privilege for the portal's own role: these actions, on these organizations, nothing else.
 * Organizations with a reset role (`roleArn`) get only the reads from it, and the portal may take
 * their roles with a source identity and tags (docs/cloudtrail.md).
 */
export function iamPolicy(organizations: readonly Organization[], account: string, partition = 'aws'): IamPolicyDocument {
  checkAccount(account);
  const direct = organizations.filter((o) => !o.roleArn);
  const viaRole = organizations.filter((o) => o.roleArn);
  if (viaRole.length === 0) {
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'WorkMailResetPortal',
          Effect: 'Allow',
          Action: WORKMAIL_ACTIONS.map((a) => `workmail:${a}`),
          Resource: organizations.map((o) => organizationArn(o, account, partition)),
        },
      ],
    };
  }
  const reads = WORKMAIL_ACTIONS.filter((a) => !(RESET_ROLE_ACTIONS as readonly string[]).includes(a));
  const statements: IamStatement[] = [
    {
      Sid: 'WorkMailResetPortalReads',
      Effect: 'Allow',
      Action: reads.map((a) => `workmail:${a}`),
      Resource: organizations.map((o) => organizationArn(o, account, partition)),
    },
  ];
  if (direct.length > 0) {
    statements.push({
      Sid: 'WorkMailResetPortalResetsWithoutRole',
      Effect: 'Allow',
      Action: RESET_ROLE_ACTIONS.map((a) => `workmail:${a}`),
      Resource: direct.map((o) => organizationArn(o, account, partition)),
    });
  }
  statements.push({
    Sid: 'TakeResetRolesAsTheOperator',
    Effect: 'Allow',
    Action: [...STS_ACTIONS],
    Resource: [...new Set(viaRole.map((o) => o.roleArn!))],
  });
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * A reset role's trust policy: only the portal's principal may take it, only with a source identity,
 * and only with the portal's own session tags.
 */
export function resetRoleTrustPolicy(portalPrincipal: string): IamPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PortalTakesRoleAsTheOperator',
        Effect: 'Allow',
        Principal: { AWS: portalPrincipal },
        Action: [...STS_ACTIONS],
        Condition: {
          Null: { 'sts:SourceIdentity': 'false' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': [...SESSION_TAG_KEYS] },
        },
      },
    ],
  };
}

/** A reset role's permission policy: ResetPassword on its organizations, and nothing at all without a source identity. */
export function resetRolePermissionPolicy(organizations: readonly Organization[], account: string, partition = 'aws'): IamPolicyDocument {
  checkAccount(account);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ResetAsTheOperator',
        Effect: 'Allow',
        Action: RESET_ROLE_ACTIONS.map((a) => `workmail:${a}`),
        Resource: organizations.map((o) => organizationArn(o, account, partition)),
      },
      {
        Sid: 'NothingWithoutSourceIdentity',
        Effect: 'Deny',
        Action: RESET_ROLE_ACTIONS.map((a) => `workmail:${a}`),
        Resource: organizations.map((o) => organizationArn(o, account, partition)),
        Condition: { Null: { 'aws:SourceIdentity': 'true' } },
      },
    ],
  };
}

/** Every document `npm run iam:policy` prints when some organization has a reset role: the portal's, then each role's two. */
export function iamDocuments(organizations: readonly Organization[], account: string, portalPrincipal: string, partition = 'aws') {
  const roles = [...new Set(organizations.flatMap((o) => (o.roleArn ? [o.roleArn] : [])))];
  return {
    portalPolicy: iamPolicy(organizations, account, partition),
    resetRoles: roles.map((roleArn) => ({
      roleArn,
      trustPolicy: resetRoleTrustPolicy(portalPrincipal),
      permissionPolicy: resetRolePermissionPolicy(
        organizations.filter((o) => o.roleArn === roleArn),
        account,
        partition,
      ),
    })),
  };
}

/** The WorkMail organizations of an access policy, their settings validated (an error names the organization). */
export function workmailOrganizations(
  organizations: ReadonlyArray<{ alias: string; provider: string; settings: unknown }>,
): Organization[] {
  return organizations
    .filter((o) => o.provider === 'workmail')
    .map((o) => {
      const parsed = organizationSettings.safeParse(o.settings);
      if (!parsed.success) throw new Error(`organization "${o.alias}": ${parsed.error.issues[0]!.message}`);
      return parsed.data;
    });
}
