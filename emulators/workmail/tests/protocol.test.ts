/** The awsJson1_1 wire protocol: headers, error shapes, and what the real SDK makes of them. */
import { EntityNotFoundException, WorkMailServiceException } from '@aws-sdk/client-workmail';
import { describe, expect, it } from 'vitest';
import { failure, ORG, rawCall, withEmulator } from './harness';

const h = withEmulator();

describe('responses', () => {
  it('carries x-amzn-RequestId, a correct Date and the JSON content type on success and on error', async () => {
    for (const target of ['WorkMailService.ListOrganizations', 'WorkMailService.NoSuchThing']) {
      const before = Date.now();
      const res = await rawCall(h.emulator.url, { target });
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      const date = Date.parse(res.headers.get('date') ?? '');
      expect(Math.abs(date - before)).toBeLessThan(5000);
    }
  });

  it("keeps the SDK's connection open between calls, as WorkMail does", async () => {
    let connections = 0;
    const count = () => connections++;
    h.emulator.server.on('connection', count);
    try {
      for (let i = 0; i < 5; i++) await h.call('ListOrganizations', {});
    } finally {
      h.emulator.server.off('connection', count);
    }
    expect(connections).toBeLessThanOrEqual(1);
  });

  it('sends timestamps as epoch-second numbers', async () => {
    const res = await rawCall(h.emulator.url, {
      target: 'WorkMailService.DescribeUser',
      body: JSON.stringify({ OrganizationId: ORG, UserId: 'jane.doe' }),
    });
    expect(typeof res.json.EnabledDate).toBe('number');
    expect(res.json.EnabledDate as number).toBeLessThan(Date.now() / 1000);
    expect(res.json.EnabledDate as number).toBeGreaterThan(1_600_000_000);
  });

  it('shapes errors as {"__type", "Message"} with status 400 and a matching x-amzn-ErrorType', async () => {
    const res = await rawCall(h.emulator.url, {
      target: 'WorkMailService.DescribeUser',
      body: JSON.stringify({ OrganizationId: ORG, UserId: 'nobody' }),
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: 'EntityNotFoundException', Message: expect.stringContaining('nobody') });
    expect(res.headers.get('x-amzn-errortype')).toBe('EntityNotFoundException');
  });
});

describe('bad requests get clear errors, never a 500', () => {
  it('an unknown target is UnknownOperationException', async () => {
    const res = await rawCall(h.emulator.url, { target: 'WorkMailService.DeleteEverything' });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('UnknownOperationException');
    const missing = await rawCall(h.emulator.url, {});
    expect(missing.json.__type).toBe('UnknownOperationException');
  });

  it('malformed JSON is SerializationException', async () => {
    const res = await rawCall(h.emulator.url, { target: 'WorkMailService.ListOrganizations', body: '{"MaxResults": ' });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe('SerializationException');
  });

  it('a JSON value that is not an object is SerializationException', async () => {
    const res = await rawCall(h.emulator.url, { target: 'WorkMailService.ListOrganizations', body: '[1,2]' });
    expect(res.json.__type).toBe('SerializationException');
  });

  it('a member the operation does not have is InvalidParameterException naming it', async () => {
    const res = await rawCall(h.emulator.url, {
      target: 'WorkMailService.DescribeOrganization',
      body: JSON.stringify({ OrganizationId: ORG, Bogus: 1 }),
    });
    expect(res.json.__type).toBe('InvalidParameterException');
    expect(res.json.Message).toContain("'Bogus'");
  });

  it('a wrong content type is refused with a message naming the expected one', async () => {
    const res = await rawCall(h.emulator.url, { target: 'WorkMailService.ListOrganizations', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(res.json.Message).toContain('application/x-amz-json-1.1');
  });

  it('a GET is refused with 405 and Allow: POST', async () => {
    const res = await fetch(`${h.emulator.url}/`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as { Message: string }).Message).toContain('POST');
  });

  it('a POST to another path is refused with 404', async () => {
    const res = await fetch(`${h.emulator.url}/v1/users`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('an oversized body is refused with 413 and the server keeps answering', async () => {
    const res = await rawCall(h.emulator.url, {
      target: 'WorkMailService.ListOrganizations',
      body: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`,
      sign: false,
    });
    expect(res.status).toBe(413);
    expect((await h.call('ListOrganizations', {})).OrganizationSummaries).toHaveLength(2);
  });
});

describe('the AWS SDK reads the errors as AWS errors', () => {
  it('raises the modeled class with the request id', async () => {
    const err = await failure(h.call('DescribeUser', { OrganizationId: ORG, UserId: 'nobody' }));
    expect(err).toBeInstanceOf(EntityNotFoundException);
    expect(err.$metadata?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [logged] = (await h.calls('DescribeUser')).slice(-1);
    expect(logged!.requestId).toBe(err.$metadata?.requestId);
  });

  it('raises unmodeled codes as WorkMailServiceException with the code as name', async () => {
    await h.control('POST', '/__control/faults', { operation: 'ListUsers', error: 'AccessDeniedException', message: 'nope', times: 1 });
    const err = await failure(h.call('ListUsers', { OrganizationId: ORG }));
    expect(err).toBeInstanceOf(WorkMailServiceException);
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toBe('nope');
  });

  it('retries ThrottlingException (3 calls in the log) and not EntityNotFoundException (1 call)', async () => {
    const client = h.makeClient({ maxAttempts: 3 });
    await h.control('POST', '/__control/faults', {
      operation: 'ListUsers',
      error: 'ThrottlingException',
      message: 'Rate exceeded',
      times: 2,
    });
    const out = await h.call('ListUsers', { OrganizationId: ORG, MaxResults: 1 }, client);
    expect(out.Users).toHaveLength(1);
    const listCalls = await h.calls('ListUsers');
    expect(listCalls.map((c) => c.outcome)).toEqual(['ThrottlingException', 'ThrottlingException', 'ok']);

    const err = await failure(h.call('DescribeUser', { OrganizationId: ORG, UserId: 'nobody' }, client));
    expect(err.name).toBe('EntityNotFoundException');
    expect(await h.calls('DescribeUser')).toHaveLength(1);
    client.destroy();
  });

  it('retries a 503 ServiceUnavailable and gives up after maxAttempts', async () => {
    const client = h.makeClient({ maxAttempts: 2 });
    await h.control('POST', '/__control/faults', { operation: '*', error: 'ServiceUnavailable' });
    const err = await failure(h.call('ListOrganizations', {}, client));
    expect(err.$metadata?.httpStatusCode).toBe(503);
    expect(await h.calls('ListOrganizations')).toHaveLength(2);
    client.destroy();
  });
});
