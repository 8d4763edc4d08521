/**
 * `npm run iam:policy -- --account 123456789012 [--policy config/access-policy.json] [--partition aws]`:
 * prints the least-privilege IAM policy for the portal's role: the WorkMail actions the code calls,
 * on the organizations of the access policy. docs/iam-policy.json is its output for the demo policy.
 */
import { parseArgs } from 'node:util';
import { readPolicyFile } from '../lib/access/policy';
import { upgradeFirstReleasePolicy } from '../lib/providers/workmail/first-release-policy';
import { iamPolicy, workmailOrganizations } from '../lib/providers/workmail/permissions';

try {
  const { values } = parseArgs({
    options: {
      account: { type: 'string' },
      policy: { type: 'string', default: process.env.ACCESS_POLICY_FILE ?? 'config/access-policy.demo.json' },
      partition: { type: 'string', default: 'aws' },
    },
  });
  if (!values.account) throw new Error('--account <12-digit AWS account id> is required');
  const policy = readPolicyFile(values.policy, upgradeFirstReleasePolicy);
  console.log(JSON.stringify(iamPolicy(workmailOrganizations(policy.organizations), values.account, values.partition), null, 2));
} catch (err) {
  console.error(`Cannot write the IAM policy: ${(err as Error).message}`);
  process.exit(2);
}
