/**
 * Conformance with boto3 (docs/emulator.md): the Python SDK accepts the emulator's STS answer to
 * `assume_role(..., SourceIdentity=...)`, and a WorkMail call signed with the returned temporary
 * keys. Skipped, with a message, where python3 or boto3 is not installed (`pip install boto3`).
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TrailEvent } from '../cloudtrail';
import { DEMO_RESET_ROLE } from '../seed';
import { DEMO_KEY, ORG, withEmulator } from './harness';

const probe = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' });
const missing = probe.error ? 'python3 is not installed' : probe.status !== 0 ? 'boto3 is not installed (pip install boto3)' : undefined;
if (missing) console.warn(`skipping the boto3 conformance test: ${missing}`);

const SCRIPT = `
import json, os, sys, boto3
url = os.environ["EMULATOR_URL"]
sts = boto3.client("sts", endpoint_url=url, region_name="us-east-1")
out = sts.assume_role(RoleArn=sys.argv[1], RoleSessionName="portal-boto3", DurationSeconds=900,
                      SourceIdentity="alice@example.com", Tags=[{"Key": "operator", "Value": "alice@example.com"}])
c = out["Credentials"]
wm = boto3.client("workmail", endpoint_url=url, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"],
                  aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
user = wm.describe_user(OrganizationId=sys.argv[2], UserId="jane.doe")
print(json.dumps({"key": c["AccessKeyId"], "expiration": c["Expiration"].isoformat(), "source": out["SourceIdentity"], "user": user["Name"]}))
`;

const h = withEmulator();

describe.skipIf(missing !== undefined)('boto3 against the emulator’s STS', () => {
  it('assume_role with a SourceIdentity, then a WorkMail call with the temporary keys', async () => {
    // Not spawnSync: the emulator runs in this process and must answer while Python waits.
    const run = await promisify(execFile)('python3', ['-c', SCRIPT, DEMO_RESET_ROLE, ORG], {
      encoding: 'utf8',
      env: {
        ...process.env,
        EMULATOR_URL: h.emulator.url,
        AWS_ACCESS_KEY_ID: DEMO_KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: DEMO_KEY.secretAccessKey,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { key: string; expiration: string; source: string; user: string };
    expect(result).toMatchObject({ source: 'alice@example.com', user: 'jane.doe' });
    expect(result.key).toMatch(/^ASIA/);
    expect(new Date(result.expiration).getTime()).toBeGreaterThan(Date.now() + 800_000);
    const { json } = await h.control<TrailEvent[]>('GET', '/__control/cloudtrail?eventName=DescribeUser');
    expect(json.at(-1)!.userIdentity).toMatchObject({ accessKeyId: result.key, sessionContext: { sourceIdentity: 'alice@example.com' } });
  });
});
