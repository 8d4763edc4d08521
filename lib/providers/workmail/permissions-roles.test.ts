/**
 * The IAM documents for reset roles (docs/cloudtrail.md): the portal's own policy keeps the reads
 * and may take the roles with a source identity and tags; each role trusts only the portal, only
 * with a source identity, and denies its reset without one. Checked against what the adapter is
 * seen doing under a role on the emulator, and through `npm run iam:policy`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrailEvent } from '../../../emulators/workmail/cloudtrail';
import type { RunningEmulator } from '../../../emulators/workmail/server';
import { DEMO_RESET_ROLE, EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../../../emulators/workmail/seed';
import { directoryOnEmulator } from '../../../test/workmail-directory';
import type { WorkMailDirectory } from './directory';
import { iamDocuments, iamPolicy, RESET_ROLE_ACTIONS, resetRolePermissionPolicy, resetRoleTrustPolicy, STS_ACTIONS } from './permissions';

const ROLE = 'arn:aws:iam::111122223333:role/workmail-portal-reset';
const PORTAL = 'arn:aws:iam::111122223333:role/workmail-portal';
const withRole = { id: EXAMPLE_ORG_ID, region: 'us-east-1' as const, roleArn: ROLE };
const plain = { id: SUBSIDIARY_ORG_ID, region: 'us-east-1' as const };
const arn = (id: string) => `arn:aws:workmail:us-east-1:111122223333:organization/${id}`;

describe('the portal’s policy with a reset role', () => {
  it('reads everywhere, resets directly only where there is no role, and may take the roles as the operator', () => {
    const doc = iamPolicy([withRole, plain], '111122223333');
    const [reads, direct, sts] = doc.Statement;
    expect(reads!.Action).not.toContain('workmail:ResetPassword');
    expect(reads!.Resource).toEqual([arn(EXAMPLE_ORG_ID), arn(SUBSIDIARY_ORG_ID)]);
    expect(direct).toMatchObject({ Effect: 'Allow', Action: ['workmail:ResetPassword'], Resource: [arn(SUBSIDIARY_ORG_ID)] });
    expect(sts).toMatchObject({ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'], Resource: [ROLE] });
    expect(JSON.stringify(doc)).not.toContain('*');
  });

  it('has no direct reset statement when every organization has a role', () => {
    expect(iamPolicy([withRole], '111122223333').Statement.map((s) => s.Sid)).toEqual([
      'WorkMailResetPortalReads',
      'TakeResetRolesAsTheOperator',
    ]);
  });
});

describe('the reset role', () => {
  it('trusts only the portal, only with a source identity, only with the portal’s tags', () => {
    const [statement] = resetRoleTrustPolicy(PORTAL).Statement;
    expect(statement).toMatchObject({ Effect: 'Allow', Principal: { AWS: PORTAL }, Action: [...STS_ACTIONS] });
    expect(statement!.Condition).toEqual({
      Null: { 'sts:SourceIdentity': 'false' },
      'ForAllValues:StringEquals': { 'aws:TagKeys': ['operator', 'ticket'] },
    });
  });

  it('may reset in its organizations, and is denied when the session has no source identity', () => {
    const [allow, deny] = resetRolePermissionPolicy([withRole], '111122223333').Statement;
    expect(allow).toMatchObject({ Effect: 'Allow', Action: ['workmail:ResetPassword'], Resource: [arn(EXAMPLE_ORG_ID)] });
    expect(deny).toMatchObject({ Effect: 'Deny', Resource: [arn(EXAMPLE_ORG_ID)], Condition: { Null: { 'aws:SourceIdentity': 'true' } } });
  });

  it('groups organizations by role', () => {
    const docs = iamDocuments([withRole, plain, { ...plain, id: `m-${'a'.repeat(32)}`, roleArn: ROLE }], '111122223333', PORTAL);
    expect(docs.resetRoles).toHaveLength(1);
    expect(docs.resetRoles[0]!.permissionPolicy.Statement[0]!.Resource).toEqual([arn(EXAMPLE_ORG_ID), arn(`m-${'a'.repeat(32)}`)]);
  });
});

describe('what the adapter does under the role', () => {
  let emulator: RunningEmulator;
  let directory: WorkMailDirectory;
  beforeAll(async () => {
    ({ emulator, directory } = await directoryOnEmulator((org) => (org === EXAMPLE_ORG_ID ? DEMO_RESET_ROLE : undefined)));
  });
  afterAll(() => emulator.close());

  it('is exactly RESET_ROLE_ACTIONS; everything else runs as the portal', async () => {
    const jane = (await directory.getPerson(EXAMPLE_ORG_ID, 'jane.doe'))!;
    await directory.findByPrefix(EXAMPLE_ORG_ID, 'ja');
    await directory.groupsOf(EXAMPLE_ORG_ID, jane.id);
    await directory.aliasesOf(EXAMPLE_ORG_ID, jane.id);
    await directory.resetPassword(EXAMPLE_ORG_ID, jane.id, 'Harbor-Quartz-Pelican-31', { operator: { subject: 'alice' } });
    const events = (await (await fetch(`${emulator.url}/__control/cloudtrail`)).json()) as TrailEvent[];
    const underRole = new Set(events.filter((e) => e.userIdentity.type === 'AssumedRole').map((e) => e.eventName));
    expect([...underRole]).toEqual([...RESET_ROLE_ACTIONS]);
  });
});

describe('npm run iam:policy', () => {
  it('prints the portal’s policy and each reset role’s trust and permission policies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-'));
    const file = join(dir, 'policy.json');
    writeFileSync(
      file,
      JSON.stringify({
        organizations: [{ alias: 'example', ...withRole }],
        admins: { groups: ['it-admins'] },
      }),
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/iam-policy.ts', '--account', '111122223333', '--policy', file, '--portal-principal', PORTAL],
      { encoding: 'utf8' },
    );
    const printed = JSON.parse(stdout);
    expect(printed).toEqual(iamDocuments([withRole], '111122223333', PORTAL));
    expect(printed.resetRoles[0].trustPolicy.Statement[0].Condition.Null).toEqual({ 'sts:SourceIdentity': 'false' });
  });
});
