/**
 * AWS STS's AssumeRole on the emulator's own endpoint (docs/emulator.md, "STS"): the AWS Query
 * protocol (form-encoded POST, XML answer, SigV4 with service `sts`), issuing temporary keys that
 * the WorkMail operations accept with X-Amz-Security-Token until they expire. A role in the seed
 * may require a source identity: then AssumeRole without one is AccessDenied, and so is a WorkMail
 * call with a session that has none (as a `Deny` with `Null aws:SourceIdentity` would do).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WorkMailError } from './errors';
import type { AccessKey } from './sigv4';

export const seedRole = z
  .object({
    arn: z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,64}$/, 'a role ARN such as arn:aws:iam::000000000000:role/name'),
    /** Both the trust policy (sts:SourceIdentity) and the permission policy (aws:SourceIdentity) require one. */
    requireSourceIdentity: z.boolean().default(false),
    /** Only the permission policy requires one: AssumeRole without one succeeds, its WorkMail calls are denied. */
    trustAllowsNoSourceIdentity: z.boolean().default(false),
    /** WorkMail operations the role may call; all when absent. */
    operations: z.array(z.string()).optional(),
    /** Longest session, in seconds (IAM's MaxSessionDuration; 3600 by default). */
    maxSessionSeconds: z.number().int().min(900).max(43_200).default(3600),
  })
  .strict();
export type RoleDefinition = z.output<typeof seedRole>;

export interface StsSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  roleArn: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  assumedRoleArn: string;
  sourceIdentity?: string;
  tags: Array<{ key: string; value: string }>;
  issuedAt: number;
  expiresAt: number;
  operations?: string[];
  requireSourceIdentity: boolean;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const randomId = (prefix: string, length: number) => prefix + [...randomBytes(length)].map((b) => ID_CHARS[b % ID_CHARS.length]).join('');
const NAME = /^[\w+=,.@-]{2,64}$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const MAX_SESSIONS = 10_000;

const validation = (message: string) => new WorkMailError('ValidationError', message);

export class Sts {
  private roles = new Map<string, RoleDefinition>();
  private sessions = new Map<string, StsSession>();

  setRoles(roles: readonly RoleDefinition[]): void {
    this.roles = new Map(roles.map((r) => [r.arn, r]));
  }

  listRoles(): RoleDefinition[] {
    return [...this.roles.values()];
  }

  /** The session of a temporary access key, if STS issued it. */
  session(accessKeyId: string): StsSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  /** A temporary key as the SigV4 verifier sees it. */
  key(accessKeyId: string): AccessKey | undefined {
    const s = this.sessions.get(accessKeyId);
    if (!s) return undefined;
    return {
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      principal: s.assumedRoleArn,
      operations: s.operations,
      session: { token: s.sessionToken, expiresAt: s.expiresAt },
    };
  }

  /** Every issued session ends now (`POST /__control/sts/expire`): their next call is ExpiredTokenException. */
  expireAll(now = Date.now()): number {
    for (const s of this.sessions.values()) s.expiresAt = Math.min(s.expiresAt, now);
    return this.sessions.size;
  }

  /** AssumeRole for `caller` (a long-term key), with the form's parameters. */
  assumeRole(form: URLSearchParams, caller: AccessKey, accountId: string, now = Date.now()): StsSession {
    const roleArn = form.get('RoleArn') ?? '';
    const sessionName = form.get('RoleSessionName') ?? '';
    if (roleArn.length < 20 || roleArn.length > 2048)
      throw validation(
        "1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
      );
    if (!NAME.test(sessionName))
      throw validation(
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    const sourceIdentity = form.get('SourceIdentity') ?? undefined;
    if (sourceIdentity !== undefined && (!NAME.test(sourceIdentity) || /^aws:/i.test(sourceIdentity)))
      throw validation(
        `1 validation error detected: Value at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    const duration = Number(form.get('DurationSeconds') ?? 3600);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
      throw validation(
        "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200",
      );
    const tags = readTags(form);

    const principal = `arn:aws:iam::${accountId}:user/${caller.principal ?? caller.accessKeyId}`;
    const denied = () =>
      new WorkMailError('AccessDenied', `User: ${principal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    const role = this.roles.get(roleArn);
    if (!role || caller.session) throw denied();
    if (role.requireSourceIdentity && !role.trustAllowsNoSourceIdentity && !sourceIdentity) throw denied();
    if (duration > role.maxSessionSeconds)
      throw validation(`The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`);

    const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
    const session: StsSession = {
      accessKeyId: randomId('ASIA', 16),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `FwoGZXIvYXdzE${randomBytes(120).toString('base64')}`,
      roleArn,
      roleName,
      roleId: `AROA${Buffer.from(roleArn).toString('hex').slice(-16).toUpperCase()}`,
      sessionName,
      assumedRoleArn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      sourceIdentity,
      tags,
      issuedAt: now,
      expiresAt: now + duration * 1000,
      operations: role.operations,
      requireSourceIdentity: role.requireSourceIdentity,
    };
    this.sessions.set(session.accessKeyId, session);
    // Bounded: a benchmark's thousands of sessions cannot grow memory without end; the oldest go first.
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return session;
  }
}

function readTags(form: URLSearchParams): Array<{ key: string; value: string }> {
  const tags: Array<{ key: string; value: string }> = [];
  for (let i = 1; form.has(`Tags.member.${i}.Key`); i++) {
    const key = form.get(`Tags.member.${i}.Key`)!;
    const value = form.get(`Tags.member.${i}.Value`) ?? '';
    if (!TAG_KEY.test(key) || !TAG_VALUE.test(value))
      throw validation(
        `1 validation error detected: Value at 'tags.${i}.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`,
      );
    if (tags.some((t) => t.key.toLowerCase() === key.toLowerCase()))
      throw validation('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    tags.push({ key, value });
  }
  if (tags.length > 50)
    throw validation(
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    );
  return tags;
}

const escape = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function assumeRoleXml(session: StsSession, requestId: string): string {
  return (
    `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult>` +
    (session.sourceIdentity ? `<SourceIdentity>${escape(session.sourceIdentity)}</SourceIdentity>` : '') +
    `<AssumedRoleUser><AssumedRoleId>${session.roleId}:${escape(session.sessionName)}</AssumedRoleId><Arn>${escape(session.assumedRoleArn)}</Arn></AssumedRoleUser>` +
    `<Credentials><AccessKeyId>${session.accessKeyId}</AccessKeyId><SecretAccessKey>${escape(session.secretAccessKey)}</SecretAccessKey>` +
    `<SessionToken>${escape(session.sessionToken)}</SessionToken><Expiration>${new Date(session.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration></Credentials>` +
    `<PackedPolicySize>${session.tags.length ? 6 : 0}</PackedPolicySize>` +
    `</AssumeRoleResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`
  );
}

export function stsErrorXml(error: WorkMailError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${escape(error.code)}</Code>` +
    `<Message>${escape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

/** Whether a role session may make this WorkMail call: a role that requires a source identity denies a session without one. */
export function sessionDenial(session: StsSession, operation: string, resource: string): WorkMailError | undefined {
  if (session.requireSourceIdentity && !session.sourceIdentity) {
    return new WorkMailError(
      'AccessDeniedException',
      `User: ${session.assumedRoleArn} is not authorized to perform: workmail:${operation} on resource: ${resource} with an explicit deny in an identity-based policy`,
    );
  }
  return undefined;
}

export const newRequestId = () => randomUUID();
