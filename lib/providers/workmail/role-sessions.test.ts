/**
 * Per-reset role sessions against the emulator over HTTP (real @aws-sdk/client-sts and
 * client-workmail): the reset runs as the operator's role session and CloudTrail names them; the
 * session is reused, renewed when its keys expire, refused with a clear code when the role will
 * not have the portal, and no reset happens when STS is busy. Searches keep the portal's keys.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TrailEvent } from '../../../emulators/workmail/cloudtrail';
import type { CallRecord } from '../../../emulators/workmail/calls';
import type { RunningEmulator } from '../../../emulators/workmail/server';
import { DEMO_HALF_ROLE, DEMO_RESET_ROLE, EXAMPLE_ORG_ID, SUBSIDIARY_ORG_ID } from '../../../emulators/workmail/seed';
import { directoryOnEmulator } from '../../../test/workmail-directory';
import type { DirectoryError } from '../../directory/errors';
import type { WorkMailDirectory } from './directory';

const ORG = EXAMPLE_ORG_ID;
const ALICE = { subject: 'alice-sub', email: 'alice@example.com' };
let emulator: RunningEmulator;
let directory: WorkMailDirectory;
let role: string | undefined;
let clear: () => void;

beforeAll(async () => {
  // The role is read per call, so each test can name its own.
  ({ emulator, directory } = await directoryOnEmulator((org) => (org === ORG ? role : undefined)));
  ({ clearRoleSessions: clear } = await import('./role-sessions'));
});
afterAll(() => emulator.close());
beforeEach(async () => {
  role = DEMO_RESET_ROLE;
  clear();
  await control('POST', '/__control/reset');
});

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}
const trail = (eventName: string) => control<TrailEvent[]>('GET', `/__control/cloudtrail?eventName=${eventName}`);
const calls = async (operation: string) => (await control<{ calls: CallRecord[] }>('GET', `/__control/calls?operation=${operation}`)).calls;
const idOf = (name: string) => [...emulator.state.organizations.get(ORG)!.users.values()].find((u) => u.name === name)!.id;
const reset = (options: Parameters<WorkMailDirectory['resetPassword']>[3] = { operator: ALICE, ticket: 'INC-42' }) =>
  directory.resetPassword(ORG, idOf('jane.doe'), 'Correct-Horse-42', options);
const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err as DirectoryError;
  }
  throw new Error('expected a failure');
};

describe('a reset under the organization’s role', () => {
  it('runs as the operator’s role session: CloudTrail names them, the session is tagged with the ticket', async () => {
    const outcome = await reset();
    expect(outcome.operatorSession).toEqual({ role: DEMO_RESET_ROLE, identity: 'alice@example.com' });
    const [event] = await trail('ResetPassword');
    expect(event!.userIdentity).toMatchObject({
      type: 'AssumedRole',
      arn: 'arn:aws:sts::000000000000:assumed-role/workmail-portal-reset/portal-alice@example.com',
      sessionContext: { sourceIdentity: 'alice@example.com', sessionIssuer: { arn: DEMO_RESET_ROLE } },
    });
    const [assumed] = await trail('AssumeRole');
    expect(assumed!.requestParameters).toMatchObject({
      durationSeconds: 900,
      sourceIdentity: 'alice@example.com',
      tags: [
        { key: 'operator', value: 'alice@example.com' },
        { key: 'ticket', value: 'INC-42' },
      ],
    });
  });

  it('keeps searches and lookups on the portal’s own keys', async () => {
    await reset();
    await directory.getPerson(ORG, 'jane.doe');
    const [describe] = await trail('DescribeUser');
    expect(describe!.userIdentity).toMatchObject({ type: 'IAMUser', accessKeyId: 'AKIAEMULATORDEMO0001' });
  });

  it('reuses the session for the same operator and ticket, and takes a new one for another ticket', async () => {
    await reset();
    await reset();
    expect(await calls('AssumeRole')).toHaveLength(1);
    await reset({ operator: ALICE, ticket: 'INC-43' });
    expect(await calls('AssumeRole')).toHaveLength(2);
    expect((await trail('ResetPassword')).map((e) => e.userIdentity.sessionContext.sourceIdentity)).toEqual([
      'alice@example.com',
      'alice@example.com',
      'alice@example.com',
    ]);
  });

  it('renews an expired session without the caller noticing', async () => {
    await reset();
    await control('POST', '/__control/sts/expire');
    const outcome = await reset();
    expect(outcome.operatorSession?.identity).toBe('alice@example.com');
    expect((await calls('ResetPassword')).map((c) => c.outcome)).toEqual(['ok', 'ExpiredTokenException', 'ok']);
    expect(await calls('AssumeRole')).toHaveLength(2);
  });

  it('without a roleArn, resets with the portal’s keys and names no operator', async () => {
    role = undefined;
    const outcome = await reset();
    expect(outcome.operatorSession).toBeUndefined();
    expect(await calls('AssumeRole')).toHaveLength(0);
    const [event] = await trail('ResetPassword');
    expect(event!.userIdentity.type).toBe('IAMUser');
  });
});

describe('when the role or STS says no', () => {
  it('a role that requires a source identity refuses a call without one: operator-session-refused, no reset', async () => {
    const err = await failure(reset({}));
    expect(err).toMatchObject({ code: 'operator-session-refused', providerCode: 'sts:AccessDenied' });
    expect(await calls('ResetPassword')).toHaveLength(0);
  });

  it('a role whose permissions deny calls without a source identity: operator-session-refused, nothing changed', async () => {
    role = DEMO_HALF_ROLE;
    const err = await failure(reset({}));
    expect(err).toMatchObject({ code: 'operator-session-refused', providerCode: 'AccessDeniedException' });
    expect((await calls('ResetPassword')).map((c) => c.outcome)).toEqual(['AccessDeniedException']);
  });

  it('a role the portal may not take: operator-session-refused', async () => {
    role = 'arn:aws:iam::000000000000:role/not-for-the-portal';
    expect(await failure(reset())).toMatchObject({ code: 'operator-session-refused', operatorSession: { identity: 'alice@example.com' } });
  });

  it.each([
    ['Throttling', undefined],
    ['ServiceUnavailable', 503],
  ])('STS answering %s: operator-session-unavailable after the retries, and no reset', async (error, status) => {
    await control('POST', '/__control/faults', { operation: 'AssumeRole', error, ...(status ? { status } : {}), times: 3 });
    const err = await failure(reset());
    expect(err.code).toBe('operator-session-unavailable');
    expect(await calls('AssumeRole')).toHaveLength(3);
    expect(await calls('ResetPassword')).toHaveLength(0);
    // Not kept: the next reset asks STS again and succeeds.
    expect((await reset()).operatorSession).toBeDefined();
  });

  it('another organization without a role is untouched', async () => {
    const sub = [...emulator.state.organizations.get(SUBSIDIARY_ORG_ID)!.users.values()].find((u) => u.name === 'lena.fischer')!.id;
    expect(
      (await directory.resetPassword(SUBSIDIARY_ORG_ID, sub, 'Correct-Horse-42', { operator: ALICE })).operatorSession,
    ).toBeUndefined();
  });
});
