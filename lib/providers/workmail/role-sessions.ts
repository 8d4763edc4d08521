import 'server-only';
/**
 * Per-reset role sessions (docs/cloudtrail.md): for an organization with a `roleArn`, the reset
 * runs under AssumeRole with the operator as SourceIdentity, so CloudTrail names them. Sessions
 * last 15 minutes and are kept per operator, organization and ticket until a minute before they
 * end: the ticket is a session tag, so a reset for another ticket gets its own session rather than
 * one tagged with the last ticket. STS failures become the neutral `operator-session-*` codes.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { WorkMailClient } from '@aws-sdk/client-workmail';
import { DirectoryError } from '../../directory/errors';
import { BOUNDED_REQUESTS, workmailClientWith } from './client';
import { toDirectoryError } from './errors';
import { workmailOptions } from './options';
import { roleSessionName, sessionTags, sourceIdentityFor, type Operator } from './source-identity';

/** 15 minutes: STS's shortest, and longer than any reset needs. */
export const SESSION_SECONDS = 900;
/** A session is renewed this long before it ends, so no call starts with keys about to expire. */
const RENEW_BEFORE_MS = 60_000;
/** At most this many sessions are kept; expired ones go first. */
const MAX_CACHED = 1_000;

export interface RoleSession {
  client: WorkMailClient;
  roleArn: string;
  sourceIdentity: string;
  expiresAt: number;
}

const cache = new Map<string, Promise<RoleSession>>();
const stsClients = new Map<string, STSClient>();

function stsClient(region: string): STSClient {
  let client = stsClients.get(region);
  if (!client) {
    client = new STSClient({
      region,
      endpoint: workmailOptions().stsEndpoint,
      maxAttempts: BOUNDED_REQUESTS.maxAttempts,
      requestHandler: BOUNDED_REQUESTS.requestHandler(),
    });
    stsClients.set(region, client);
  }
  return client;
}

/** STS's refusals that only a change of configuration (role, trust, policy, region) can fix. */
const REFUSED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'ValidationError',
  'RegionDisabledException',
  'MalformedPolicyDocument',
  'PackedPolicyTooLarge',
  'InvalidParameterValue',
]);

/** An STS failure in the portal's codes: its own credentials stay `credentials`; refusals are configuration; the rest is unavailable. */
export function toSessionError(err: unknown, session: { role: string; identity: string }): DirectoryError {
  const mapped = toDirectoryError(err);
  const name = mapped.providerCode ?? '';
  const code =
    mapped.code === 'credentials' ? 'credentials' : REFUSED.has(name) ? 'operator-session-refused' : 'operator-session-unavailable';
  return new DirectoryError(code, mapped.requestId, name ? `sts:${name}` : 'sts', mapped.providerMessage, session);
}

/** Without an operator (a caller that names none), the session carries no source identity: a role that requires one refuses it. */
async function assume(roleArn: string, region: string, operator: Operator | undefined, ticket: string | undefined): Promise<RoleSession> {
  const sourceIdentity = operator ? sourceIdentityFor(operator) : '';
  try {
    const out = await stsClient(region).send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: operator ? roleSessionName(sourceIdentity) : 'portal',
        ...(operator ? { SourceIdentity: sourceIdentity, Tags: sessionTags(operator, ticket) } : {}),
        DurationSeconds: SESSION_SECONDS,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
      throw Object.assign(new Error('no credentials'), { name: 'InternalFailure' });
    const expiresAt = c.Expiration?.getTime() ?? Date.now() + SESSION_SECONDS * 1000;
    const credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    return { client: workmailClientWith(region, credentials), roleArn, sourceIdentity, expiresAt };
  } catch (err) {
    throw toSessionError(err, { role: roleArn, identity: sourceIdentity });
  }
}

const keyOf = (roleArn: string, organizationId: string, operator: Operator | undefined, ticket: string | undefined) =>
  JSON.stringify([roleArn, organizationId, operator?.subject ?? '', operator?.email ?? '', ticket ?? '']);

function evict(now: number) {
  if (cache.size < MAX_CACHED) return;
  for (const [key, pending] of cache) {
    void pending.then(
      (s) => {
        if (s.expiresAt - RENEW_BEFORE_MS <= now && cache.get(key) === pending) cache.delete(key);
      },
      () => {},
    );
  }
  // Still full (all live): the oldest goes.
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
}

/**
 * The operator's session for this organization's role: a cached one while it has more than a
 * minute left, else a new AssumeRole. `fresh` drops the cached one first (its keys were refused).
 */
export async function roleSession(
  roleArn: string,
  organizationId: string,
  region: string,
  operator: Operator | undefined,
  ticket: string | undefined,
  options: { fresh?: boolean } = {},
): Promise<{ session: RoleSession; cached: boolean }> {
  const key = keyOf(roleArn, organizationId, operator, ticket);
  const now = Date.now();
  const pending = options.fresh ? undefined : cache.get(key);
  if (pending) {
    const session = await pending.catch(() => undefined);
    if (session && session.expiresAt - RENEW_BEFORE_MS > Date.now()) return { session, cached: true };
  }
  evict(now);
  const next = assume(roleArn, region, operator, ticket);
  cache.set(key, next);
  // A failed AssumeRole is not kept: the next reset asks STS again.
  next.catch(() => {
    if (cache.get(key) === next) cache.delete(key);
  });
  return { session: await next, cached: false };
}

/** Forgets every cached session (tests). */
export function clearRoleSessions(): void {
  cache.clear();
}
