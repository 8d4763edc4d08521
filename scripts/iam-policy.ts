/**
 * `npm run iam:policy -- --account 123456789012 [--policy config/access-policy.json] [--partition aws]
 *  [--portal-principal arn:aws:iam::123456789012:role/portal]`:
 * prints the least-privilege IAM policy for the portal's role: the WorkMail actions the code calls,
 * on the organizations of the access policy. docs/iam-policy.json is its output for the demo policy.
 * When an organization names a reset role (`roleArn`, docs/cloudtrail.md), it prints
 * `{portalPolicy, resetRoles: [{roleArn, trustPolicy, permissionPolicy}]}` instead.
 */
import { parseArgs } from 'node:util';
import { readPolicyFile } from '../lib/access/policy';
import { upgradeFirstReleasePolicy } from '../lib/providers/workmail/first-release-policy';
import { iamDocuments, iamPolicy, workmailOrganizations } from '../lib/providers/workmail/permissions';

try {
  const { values } = parseArgs({
    options: {
      account: { type: 'string' },
      policy: { type: 'string', default: process.env.ACCESS_POLICY_FILE ?? 'config/access-policy.demo.json' },
      partition: { type: 'string', default: 'aws' },
      'portal-principal': { type: 'string' },
    },
  });
  if (!values.account) throw new Error('--account <12-digit AWS account id> is required');
  const policy = readPolicyFile(values.policy, upgradeFirstReleasePolicy);
  const organizations = workmailOrganizations(policy.organizations);
  if (organizations.some((o) => o.roleArn)) {
    // The reset roles trust the portal's own role; the account's root when it is not named (then narrow it by hand).
    const principal = values['portal-principal'] ?? `arn:${values.partition}:iam::${values.account}:root`;
    console.log(JSON.stringify(iamDocuments(organizations, values.account, principal, values.partition), null, 2));
  } else {
    console.log(JSON.stringify(iamPolicy(organizations, values.account, values.partition), null, 2));
  }
} catch (err) {
  console.error(`Cannot write the IAM policy: ${(err as Error).message}`);
  process.exit(2);
}
