/**
 * The demo access policy with a reset role on organization `example` (docs/cloudtrail.md), written
 * to `file`, for the tests and benchmarks that run resets under a role session.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function writeRolePolicy(file: string, roleArn: string, alias = 'example'): string {
  const policy = JSON.parse(readFileSync('config/access-policy.demo.json', 'utf8')) as { organizations: Array<Record<string, unknown>> };
  for (const org of policy.organizations) if (org.alias === alias) org.roleArn = roleArn;
  writeFileSync(file, JSON.stringify(policy, null, 2));
  return file;
}
