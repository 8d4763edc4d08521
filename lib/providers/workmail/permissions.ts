/**
 * The WorkMail API actions the adapter calls, and so the only ones the portal's IAM role needs
 * (docs/iam-policy.json, `npm run iam:policy`). A test reads the adapter's SDK imports and fails
 * when this list and the code disagree, either way.
 */
import { organizationSettings, type WorkMailSettings } from './options';

type Organization = Pick<WorkMailSettings, 'id' | 'region'>;

export const WORKMAIL_ACTIONS = [
  'DescribeUser',
  'ListAliases',
  'ListGroupMembers',
  'ListGroups',
  'ListGroupsForEntity',
  'ListUsers',
  'ResetPassword',
] as const;

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: string[] }>;
}

/** An organization's ARN (Service Authorization Reference: resource type `organization`). */
export const organizationArn = (org: Organization, account: string, partition = 'aws') =>
  `arn:${partition}:workmail:${org.region}:${account}:organization/${org.id}`;

/** Least privilege: these actions, on these organizations, nothing else. */
export function iamPolicy(organizations: readonly Organization[], account: string, partition = 'aws'): IamPolicyDocument {
  if (!/^\d{12}$/.test(account)) throw new Error(`an AWS account id is 12 digits, not "${account}"`);
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
