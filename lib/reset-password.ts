import 'server-only';
/**
 * The reset, steps 3–10 of DESIGN.md §6, in that order (steps 1–2 are defineAction's): fetch the
 * person, ask can(), check the password again with the person's words, reserve a slot under the
 * rate limits while auditing "requested" (no record, no reset), call the directory, audit the
 * outcome. The password goes to the directory and nowhere else.
 */
import type { Actor } from './access/actor';
import { can, REASON_TEXT } from './access/can';
import { appendEvent } from './audit/store';
import type { AuditEventInput } from './audit/types';
import { checkBinding } from './auth/binding';
import { config } from './config';
import { directory, getPerson, groupsOf } from './directory';
import { DIRECTORY_ERROR_TEXT } from './directory/error-text';
import { DirectoryError } from './directory/errors';
import type { Person } from './directory/types';
import { log } from './log';
import { contextWords, estimateStrength, STRENGTH_LABELS } from './password/strength';
import type { ResetPasswordInput } from './password/schema';
import { reserveReset } from './rate-limit';
import type { ResetResult } from './reset-result';

export interface RequestInfo {
  clientIp?: string;
  userAgent?: string;
}

const NOT_YOURS: ResetResult = {
  status: 'refused',
  title: 'Not found, or not someone you manage.',
  action: 'Search again for the person.',
};

function refusedBy(error: DirectoryError): ResetResult {
  const text = DIRECTORY_ERROR_TEXT[error.code];
  return { status: 'refused', title: text.title, action: text.action, requestId: error.requestId };
}

const utcTime = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;

export async function performReset(actor: Actor, input: ResetPasswordInput, request: RequestInfo): Promise<ResetResult> {
  const access = actor.organizations.get(input.organizationId);
  if (!access || !checkBinding(input.binding, input.organizationId, input.userId, actor.subject)) return NOT_YOURS;

  const base = (person?: Person): Omit<AuditEventInput, 'type' | 'outcome'> => ({
    actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
    organizationId: input.organizationId,
    person: { id: person?.id ?? input.userId, email: person?.email, name: person?.displayName },
    reason: input.reason || undefined,
    ...request,
  });

  // 3. The person as WorkMail has them now; a failed lookup denies. Their groups decide scope and
  // protection for a lead, so a lead's reset reads them fresh; an admin's decision never depends
  // on groups (every group is in scope and protection does not bind admins), so it skips them.
  let person: Person | null;
  let groups: string[];
  try {
    person = await getPerson(input.organizationId, input.userId);
    groups = person && access.scope !== 'all' ? await groupsOf(input.organizationId, person.id) : [];
  } catch (err) {
    if (err instanceof DirectoryError) return refusedBy(err);
    throw err;
  }
  if (!person) {
    await appendEvent({ ...base(), type: 'access.denied', outcome: 'denied', errorCode: 'not-found' });
    return NOT_YOURS;
  }

  // 4. The one rule, against that person.
  const decision = can(actor, 'reset', { ...person, groups });
  if (!decision.allowed) {
    await appendEvent({ ...base(person), type: 'access.denied', outcome: 'denied', errorCode: decision.reason });
    return decision.reason === 'not-yours' ? NOT_YOURS : { status: 'refused', title: 'You cannot reset this password.', action: REASON_TEXT[decision.reason] };
  }

  // 5. Strength again, on the server, with the person's own words.
  const policy = config().password;
  const strength = estimateStrength(
    input.password,
    contextWords({ username: person.username, displayName: person.displayName, email: person.email, organizationAlias: access.alias }),
  );
  if (strength.score < policy.minScore) {
    return {
      status: 'invalid',
      fieldErrors: { password: `Too easy to guess (${strength.label}); it must be at least ${STRENGTH_LABELS[policy.minScore]}. Generate one, or add unrelated words.` },
    };
  }

  // 6–7. Rate limits and the "requested" record, in one transaction; no record, no reset.
  let reservation;
  try {
    reservation = await reserveReset({ ...base(person), type: 'password.reset.requested', outcome: 'requested' }, config().rateLimit);
  } catch (err) {
    log.error({ err: (err as Error).message }, 'audit write failed: reset refused');
    return {
      status: 'refused',
      title: 'The audit log cannot be written right now, so no reset was made.',
      action: 'Try again in a minute; if it persists, tell IT (the portal’s database is unavailable).',
    };
  }
  if (!reservation.ok) {
    return {
      status: 'refused',
      title:
        reservation.scope === 'operator'
          ? 'You have made too many resets in the last hour.'
          : 'This person’s password has been reset too many times in the last hour.',
      action: `Try again after ${utcTime(reservation.retryAt)}.`,
    };
  }

  // 8–9. The reset itself, then its outcome with the AWS request id.
  try {
    const { requestId } = await directory().resetPassword(input.organizationId, person.id, input.password);
    await appendEvent({ ...base(person), type: 'password.reset.succeeded', outcome: 'succeeded', requestId }).catch((err: unknown) =>
      log.error({ err: (err as Error).message, requestId }, 'audit outcome write failed after a successful reset'),
    );
    return { status: 'success', displayName: person.displayName, email: person.email, signInName: person.email ?? person.username, requestId };
  } catch (err) {
    const error = err instanceof DirectoryError ? err : new DirectoryError('unknown');
    if (error.code === 'unknown') log.error({ err, requestId: error.requestId }, 'reset failed with an unmapped error');
    await appendEvent({ ...base(person), type: 'password.reset.failed', outcome: 'failed', errorCode: error.vendorCode ?? error.code, requestId: error.requestId }).catch(
      (auditErr: unknown) => log.error({ err: (auditErr as Error).message }, 'audit outcome write failed'),
    );
    return refusedBy(error);
  }
}
