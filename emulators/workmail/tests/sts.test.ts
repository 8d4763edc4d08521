/**
 * STS on the emulator's endpoint, through the real @aws-sdk/client-sts (AWS Query, SigV4 `sts`):
 * AssumeRole issues keys WorkMail accepts with their session token, a role that requires a source
 * identity refuses without one, expired sessions answer ExpiredTokenException, faults apply, and
 * every call leaves a CloudTrail-shaped event.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { TrailEvent } from '../cloudtrail';
import { DEMO_HALF_ROLE, DEMO_LAX_ROLE, DEMO_RESET_ROLE } from '../seed';
import { DEMO_KEY, failure, ORG, withEmulator } from './harness';

const h = withEmulator();

const sts = () => new STSClient({ region: 'us-east-1', endpoint: h.emulator.url, credentials: DEMO_KEY, maxAttempts: 1 });

async function assume(input: { RoleArn?: string; SourceIdentity?: string; ticket?: string } = {}) {
  const out = await sts().send(
    new AssumeRoleCommand({
      RoleArn: input.RoleArn ?? DEMO_RESET_ROLE,
      RoleSessionName: 'portal-alice',
      DurationSeconds: 900,
      ...(input.SourceIdentity === undefined
        ? { SourceIdentity: 'alice@example.com' }
        : input.SourceIdentity
          ? { SourceIdentity: input.SourceIdentity }
          : {}),
      Tags: [{ Key: 'operator', Value: 'alice@example.com' }, ...(input.ticket ? [{ Key: 'ticket', Value: input.ticket }] : [])],
    }),
  );
  const c = out.Credentials!;
  return { out, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } };
}

const trail = async (eventName?: string) =>
  (await h.control<TrailEvent[]>('GET', `/__control/cloudtrail${eventName ? `?eventName=${eventName}` : ''}`)).json;

describe('STS AssumeRole on the emulator', () => {
  it('issues temporary keys that WorkMail accepts, and CloudTrail names the source identity', async () => {
    const { out, credentials } = await assume({ ticket: 'INC-42' });
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(out.SourceIdentity).toBe('alice@example.com');
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::000000000000:assumed-role/workmail-portal-reset/portal-alice');
    expect(out.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(890_000);
    const client = h.makeClient({ credentials });
    const userId = await h.userId('jane.doe');
    await h.call('ResetPassword', { OrganizationId: ORG, UserId: userId, Password: 'Correct-Horse-42' }, client);

    const [reset] = await trail('ResetPassword');
    expect(reset!.userIdentity).toMatchObject({
      type: 'AssumedRole',
      accessKeyId: credentials.accessKeyId,
      sessionContext: { sourceIdentity: 'alice@example.com', sessionIssuer: { arn: DEMO_RESET_ROLE } },
    });
    expect(reset!.requestParameters).toMatchObject({ Password: '[REDACTED]', UserId: userId });
    expect(JSON.stringify(await trail())).not.toContain('Correct-Horse-42');
    const [assumed] = await trail('AssumeRole');
    expect(assumed!.requestParameters).toMatchObject({
      sourceIdentity: 'alice@example.com',
      tags: [
        { key: 'operator', value: 'alice@example.com' },
        { key: 'ticket', value: 'INC-42' },
      ],
    });
    expect(assumed!.responseElements).toMatchObject({ credentials: { accessKeyId: credentials.accessKeyId } });
  });

  it('records the portal’s own calls as the IAM user, with an empty session context', async () => {
    await h.userId('jane.doe');
    const [event] = await trail('DescribeUser');
    expect(event!.userIdentity).toMatchObject({ type: 'IAMUser', arn: 'arn:aws:iam::000000000000:user/portal', sessionContext: {} });
    expect(event!.userIdentity.sessionContext.sourceIdentity).toBeUndefined();
  });

  it('refuses AssumeRole without a source identity when the role requires one', async () => {
    const err = await failure(assume({ SourceIdentity: '' }));
    expect(err.name).toBe('AccessDenied');
    expect(err.$metadata?.httpStatusCode).toBe(403);
    const { credentials } = await assume({ RoleArn: DEMO_LAX_ROLE, SourceIdentity: '' });
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
  });

  it('denies a WorkMail call by a session without a source identity when the role’s permissions require one', async () => {
    const { credentials } = await assume({ RoleArn: DEMO_HALF_ROLE, SourceIdentity: '' });
    const err = await failure(h.call('ListUsers', { OrganizationId: ORG }, h.makeClient({ credentials })));
    expect(err.name).toBe('AccessDeniedException');
  });

  it('refuses an unknown role, a missing session token, and a role the role does not allow', async () => {
    expect((await failure(assume({ RoleArn: 'arn:aws:iam::000000000000:role/nobody' }))).name).toBe('AccessDenied');
    const { credentials } = await assume();
    const noToken = h.makeClient({ credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } });
    expect((await failure(h.call('ListUsers', { OrganizationId: ORG }, noToken))).name).toBe('UnrecognizedClientException');
    // The demo reset role may only ResetPassword and DescribeUser.
    expect((await failure(h.call('ListUsers', { OrganizationId: ORG }, h.makeClient({ credentials })))).name).toBe('AccessDeniedException');
  });

  it('answers ExpiredTokenException once the sessions are expired by the control API', async () => {
    const { credentials } = await assume();
    const client = h.makeClient({ credentials });
    await h.call('DescribeUser', { OrganizationId: ORG, UserId: 'jane.doe' }, client);
    expect((await h.control('POST', '/__control/sts/expire')).status).toBe(200);
    const err = await failure(h.call('DescribeUser', { OrganizationId: ORG, UserId: 'jane.doe' }, client));
    expect(err.name).toBe('ExpiredTokenException');
  });

  it('fails AssumeRole with an injected fault (throttled, unavailable)', async () => {
    await h.control('POST', '/__control/faults', { operation: 'AssumeRole', error: 'Throttling', message: 'Rate exceeded', times: 1 });
    expect((await failure(assume())).name).toBe('Throttling');
    await h.control('POST', '/__control/faults', { operation: 'AssumeRole', error: 'ServiceUnavailable', status: 503, times: 1 });
    const err = await failure(assume());
    expect(err.$metadata?.httpStatusCode).toBe(503);
    expect((await assume()).credentials.accessKeyId).toMatch(/^ASIA/);
  });

  it('validates the source identity and the session name as STS does', async () => {
    expect((await failure(assume({ SourceIdentity: 'aws:admin' }))).name).toBe('ValidationError');
    const err = await failure(
      sts().send(new AssumeRoleCommand({ RoleArn: DEMO_RESET_ROLE, RoleSessionName: 'a b', SourceIdentity: 'x1' })),
    );
    expect(err.name).toBe('ValidationError');
  });
});
