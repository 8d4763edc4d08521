/** SigV4: every request is verified; each failure answers the error AWS gives. */
import { describe, expect, it } from 'vitest';
import { DEMO_KEY, failure, ORG, rawCall, READ_KEY, withEmulator } from './harness';

const h = withEmulator();
const target = 'WorkMailService.ListOrganizations';

describe('SigV4 verification', () => {
  it('accepts the demo key through the SDK and records which key called', async () => {
    await h.call('ListOrganizations', {});
    const [call] = await h.calls('ListOrganizations');
    expect(call!.accessKeyId).toBe(DEMO_KEY.accessKeyId);
  });

  it('a wrong secret is InvalidSignatureException', async () => {
    const client = h.makeClient({ credentials: { accessKeyId: DEMO_KEY.accessKeyId, secretAccessKey: 'wrong' } });
    const err = await failure(h.call('ListOrganizations', {}, client));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toMatch(/signature we calculated does not match/);
  });

  it('an unknown access key is UnrecognizedClientException', async () => {
    const client = h.makeClient({ credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } });
    const err = await failure(h.call('ListOrganizations', {}, client));
    expect(err.name).toBe('UnrecognizedClientException');
  });

  it('no Authorization header is MissingAuthenticationTokenException', async () => {
    const res = await rawCall(h.emulator.url, { target, sign: false });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('MissingAuthenticationTokenException');
  });

  it('a malformed Authorization header is IncompleteSignatureException', async () => {
    const res = await rawCall(h.emulator.url, { target, tamper: (hd) => void (hd.authorization = 'AWS4-HMAC-SHA256 Credential=x') });
    expect(res.json.__type).toBe('IncompleteSignatureException');
  });

  it('a date more than 15 minutes off is a signature-expired error, either way', async () => {
    for (const offset of [-16 * 60_000, 16 * 60_000]) {
      const res = await rawCall(h.emulator.url, { target, signingDate: new Date(Date.now() + offset) });
      expect(res.json.__type).toBe('InvalidSignatureException');
      expect(res.json.Message).toMatch(/^Signature expired/);
    }
    const fine = await rawCall(h.emulator.url, { target, signingDate: new Date(Date.now() - 10 * 60_000) });
    expect(fine.status).toBe(200);
  });

  it('the SDK corrects a skewed clock from the Date header and succeeds on retry', async () => {
    const client = h.makeClient({ maxAttempts: 3, systemClockOffset: -30 * 60_000 });
    const out = await h.call('ListOrganizations', {}, client);
    expect(out.OrganizationSummaries).toHaveLength(2);
    expect((await h.calls('ListOrganizations')).map((c) => c.outcome)).toEqual(['InvalidSignatureException', 'ok']);
    client.destroy();
  });

  it('a body changed after signing is refused', async () => {
    const res = await rawCall(h.emulator.url, {
      target,
      body: '{}',
      tamper: (hd) => void (hd['x-amz-content-sha256'] = 'a'.repeat(64)),
    });
    expect(res.json.__type).toBe('InvalidSignatureException');
  });

  it('a credential scoped to another service is refused', async () => {
    const res = await rawCall(h.emulator.url, { target, service: 'ses' });
    expect(res.json.__type).toBe('InvalidSignatureException');
    expect(res.json.Message).toContain("'workmail'");
  });

  it('a key limited to reads gets AccessDeniedException for ResetPassword, as an IAM role without the action would', async () => {
    const reader = h.makeClient({ credentials: READ_KEY });
    const UserId = await h.userId('jane.doe');
    expect((await h.call('DescribeUser', { OrganizationId: ORG, UserId }, reader)).Name).toBe('jane.doe');
    const err = await failure(h.call('ResetPassword', { OrganizationId: ORG, UserId, Password: 'Valid-Passw0rd' }, reader));
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toMatch(
      /is not authorized to perform: workmail:ResetPassword on resource: arn:aws:workmail:us-east-1:\d{12}:organization\/m-/,
    );
    const match = await h.control('POST', '/__control/verify-password', {
      organizationId: ORG,
      userId: UserId,
      password: 'Valid-Passw0rd',
    });
    expect(match.json).toEqual({ match: false });
    reader.destroy();
  });
});

describe('--no-auth', () => {
  const open = withEmulator({ auth: false });
  it('accepts unsigned requests when verification is off', async () => {
    const res = await rawCall(open.emulator.url, { target, sign: false });
    expect(res.status).toBe(200);
    expect(res.json.OrganizationSummaries).toHaveLength(2);
  });
});
