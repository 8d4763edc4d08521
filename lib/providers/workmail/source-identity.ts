/**
 * What a reset's role session says about the operator (docs/cloudtrail.md): the SourceIdentity
 * that CloudTrail shows as `userIdentity.sessionContext.sourceIdentity`, the RoleSessionName, and
 * the session tags. Pure, so the mapping is tested alone.
 *
 * STS's limits (AssumeRole API reference): SourceIdentity and RoleSessionName are 2–64 characters
 * of `[A-Za-z0-9_=,.@-]` (SourceIdentity also may not start with `aws:`, which the character set
 * already rules out, the colon being outside it); a tag value is at most 256 characters of
 * `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
 */
import { createHash } from 'node:crypto';

export interface Operator {
  subject: string;
  email?: string;
}

const MIN = 2;
const MAX = 64;
const TAG_MAX = 256;
const NOT_IDENTITY = /[^A-Za-z0-9_=,.@-]/g;
const NOT_TAG = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The operator as SourceIdentity: their email when they have one (what a security team searches
 * for), otherwise their subject. Every character outside the set becomes `_`. Text longer than 64
 * keeps its first 55 characters, then `.` and 8 hex digits of the SHA-256 of the whole, so two long
 * identities that share a start stay apart. Text shorter than 2 becomes `sub-` and 16 hex digits of
 * the subject's SHA-256. The result never starts with `aws:` and always matches the STS pattern.
 */
export function sourceIdentityFor(operator: Operator): string {
  const raw = operator.email?.trim() || operator.subject;
  let value = raw.replace(NOT_IDENTITY, '_');
  if (value.length > MAX) value = `${value.slice(0, MAX - 9)}.${digest(raw).slice(0, 8)}`;
  if (value.length < MIN) value = `sub-${digest(operator.subject).slice(0, 16)}`;
  if (/^aws:/i.test(value)) value = `_${value.slice(1)}`;
  return value;
}

/** `portal-` and the source identity, cut to 64: readable in CloudTrail's `arn` beside the role name. */
export function roleSessionName(sourceIdentity: string): string {
  return `portal-${sourceIdentity}`.slice(0, MAX);
}

/** A tag value as STS accepts it: other characters become `_`, at most 256 characters; empty stays empty. */
export function tagValue(text: string): string {
  return text.trim().replace(NOT_TAG, '_').slice(0, TAG_MAX);
}

/** The session's tags: `operator` always, `ticket` when the reason field says something. */
export function sessionTags(operator: Operator, ticket: string | undefined): Array<{ Key: string; Value: string }> {
  const tags = [{ Key: 'operator', Value: tagValue(operator.email?.trim() || operator.subject) }];
  const t = ticket ? tagValue(ticket) : '';
  if (t) tags.push({ Key: 'ticket', Value: t });
  return tags;
}
