/**
 * The demo access policy with reset roles on some organizations (docs/cloudtrail.md), written to
 * `file`, for the tests and benchmarks that run resets under a role session.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** `roles`: organization alias → role ARN. */
export function writeRolePolicy(file: string, roles: Record<string, string>): string {
  const policy = JSON.parse(readFileSync('config/access-policy.demo.json', 'utf8')) as { organizations: Array<Record<string, unknown>> };
  for (const org of policy.organizations) {
    const role = roles[String(org.alias)];
    if (role) org.roleArn = role;
  }
  writeFileSync(file, JSON.stringify(policy, null, 2));
  return file;
}
