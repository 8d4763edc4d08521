import 'server-only';
/**
 * The reset, steps 3–10 of docs/architecture.md, in that order (steps 1–2 are defineAction's): fetch the
 * person, ask can(), check the password again with the person's words, reserve a slot under the
 * rate limits while auditing "requested" (no record, no reset), call the directory, audit the
 * outcome. The password goes to the directory and nowhere else.
 *
 * Every attempt that reaches the action ends in exactly one outcome event: `denied`, `invalid`,
 * `refused` (here or by the rate limit), `failed` or `succeeded`, with a reason code. Refusals go
 * through the bounded writer (lib/audit/repeats.ts), so a flood of identical ones is counted.
 */
import type { Actor } from '../access/actor';
import { can, reasonText } from '../access/can';
import { appendBounded } from '../audit/repeats';
import { appendEvent } from '../audit/store';
import type { AuditEventInput, AuditEventType } from '../audit/types';
import { checkBinding } from './binding';
import { config } from '../config';
import { capabilitiesOf, directory, wordingFor } from '../portal';
import { DirectoryError } from '../directory/errors';
import { findTarget } from '../people/target';
import type { OperatorSession, Person } from '../directory/types';
import { log } from '../log';
import { utcTime } from '../text/utc';
import { contextWords, estimateStrength, STRENGTH_LABELS } from '../password/strength';
import type { ResetPasswordInput } from './schema';
import { reserveReset } from './rate-limit';
import { afterReset } from './after-reset';
import { freezeFor } from '../migrations/freeze';
import type { ResetField, ResetResult } from './result';

export interface RequestInfo {
  clientIp?: string;
  userAgent?: string;
}

const NOT_YOURS: ResetResult = {
  status: 'refused',
  title: 'Not found, or not someone you manage.',
  action: 'Search again for the person.',
};

/** The audit's record of what the reset ran under (migration 011): a role session naming the operator, or the portal's own credentials. */
export const sessionOf = (session: OperatorSession | undefined): AuditEventInput['roleSession'] =>
  session ? { kind: 'role', role: session.role, identity: session.identity } : { kind: 'portal' };

export const FORM_OUT_OF_DATE = 'This form is out of date: reload the page and try again.';

function refusedBy(error: DirectoryError, organizationId: string): ResetResult {
  const text = wordingFor(organizationId).errors[error.code];
  return { status: 'refused', title: text.title, action: text.action, requestId: error.requestId };
}

type Refusal = {
  type: AuditEventType;
  outcome: 'denied' | 'invalid' | 'refused' | 'failed';
  errorCode: string;
  providerCode?: string;
  requestId?: string;
};

/** Writes the attempt's one refusal; a refusal stands even when it cannot be recorded (then it is logged). */
async function recordRefusal(event: AuditEventInput): Promise<void> {
  await appendBounded(event).catch((err: unknown) =>
    log.error(
      { err: (err as Error).message, type: event.type, errorCode: event.errorCode, actor: event.actor.subject },
      'audit: refusal not written',
    ),
  );
}

/** An id as the operator sent it, kept only when it looks like one (letters, digits and the punctuation of emails and ids). */
const sentId = (value: unknown) => (typeof value === 'string' && /^[a-zA-Z0-9._%+@-]{1,256}$/.test(value) ? value : undefined);

type Who = Pick<AuditEventInput, 'actor' | 'organizationId' | 'person' | 'reason' | 'clientIp' | 'userAgent'>;

/**
 * The event's who and whom. Only a verified target fills the organization and person columns: an
 * organization the operator has, a person fetched and allowed to be seen. An id the operator merely
 * sent goes into the reason (truncated): the bounded writer keys on those columns, so an id chosen
 * per POST must not make each refusal its own kind (docs/decisions/007-refusals-and-lookups.md).
 */
const who = (
  actor: Actor,
  request: RequestInfo,
  target: { organizationId?: string; personId?: string; person?: Person; reason?: string },
): Who => {
  const sent = target.person ? undefined : sentId(target.personId);
  const reason = [sent && `[id sent: ${sent.slice(0, 64)}]`, target.reason].filter(Boolean).join(' ');
  return {
    actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
    organizationId: target.organizationId && actor.organizations.has(target.organizationId) ? target.organizationId : undefined,
    person: target.person && { id: target.person.id, email: target.person.email, name: target.person.displayName },
    reason: reason || undefined,
    ...request,
  };
};

/**
 * A form that failed its schema before the handler ran (lib/reset/define-action.ts): recorded with the
 * first field at fault and only what identifies the target, never the submitted password.
 */
export async function recordInvalidForm(
  actor: Actor,
  raw: Record<string, unknown>,
  fields: ResetField[],
  request: RequestInfo,
): Promise<void> {
  await recordRefusal({
    ...who(actor, request, {
      organizationId: typeof raw.organizationId === 'string' ? raw.organizationId : undefined,
      personId: typeof raw.userId === 'string' ? raw.userId : undefined,
    }),
    type: 'password.reset.invalid',
    outcome: 'invalid',
    errorCode: `invalid-${fields[0] ?? 'form'}`,
  });
}

export async function performReset(actor: Actor, input: ResetPasswordInput, request: RequestInfo): Promise<ResetResult> {
  let recorded = false;
  let person: Person | undefined;
  const base = () => who(actor, request, { organizationId: input.organizationId, personId: input.userId, person, reason: input.reason });
  // `person` is set only once the operator may see them: until then an event holds only the id
  // they sent (in its reason), so a lead's own audit view never shows who exists outside their scope.
  const refuse = async (refusal: Refusal, result: ResetResult): Promise<ResetResult> => {
    recorded = true;
    await recordRefusal({ ...base(), ...refusal });
    return result;
  };
  try {
    return await reset();
  } catch (err) {
    if (!recorded) await recordRefusal({ ...base(), type: 'password.reset.failed', outcome: 'failed', errorCode: 'unexpected' });
    throw err;
  }

  async function reset(): Promise<ResetResult> {
    const access = actor.organizations.get(input.organizationId);
    if (!access) return refuse({ type: 'access.denied', outcome: 'denied', errorCode: 'not-yours' }, NOT_YOURS);
    const binding = checkBinding(input.binding, input.organizationId, input.userId, actor.subject);
    if (binding === 'foreign') return refuse({ type: 'access.denied', outcome: 'denied', errorCode: 'form-binding' }, NOT_YOURS);
    if (binding === 'expired') {
      return refuse(
        { type: 'password.reset.invalid', outcome: 'invalid', errorCode: 'form-expired' },
        { status: 'invalid', fieldErrors: { form: FORM_OUT_OF_DATE } },
      );
    }

    // 3. The person as the directory has them now, after the same calls whether they exist or not
    // (lib/people/target.ts); the aliases in parallel, by the id the binding pinned. A failed lookup denies.
    let target;
    try {
      const [found, aliases] = await Promise.all([
        findTarget(access, input.userId, { fresh: true }),
        directory().aliasesOf(input.organizationId, input.userId),
      ]);
      target = found && { ...found, aliases };
    } catch (err) {
      if (!(err instanceof DirectoryError)) throw err;
      return refuse(
        {
          type: 'password.reset.refused',
          outcome: 'refused',
          errorCode: `lookup-${err.code}`,
          providerCode: err.providerCode,
          requestId: err.requestId,
        },
        refusedBy(err, input.organizationId),
      );
    }

    // 4. The one rule, against that person. A lead hears, and their own audit view shows, "not
    // yours" for unknown and out of scope alike; an admin's record keeps `not-found`.
    if (!target) {
      return refuse({ type: 'access.denied', outcome: 'denied', errorCode: access.scope === 'all' ? 'not-found' : 'not-yours' }, NOT_YOURS);
    }
    const decision = can(actor, 'reset', target);
    if (!decision.allowed) {
      if (decision.reason === 'not-yours') return refuse({ type: 'access.denied', outcome: 'denied', errorCode: 'not-yours' }, NOT_YOURS);
      person = target;
      return refuse(
        { type: 'access.denied', outcome: 'denied', errorCode: decision.reason },
        {
          status: 'refused',
          title: 'You cannot reset this password.',
          action: reasonText(decision.reason, wordingFor(input.organizationId)),
        },
      );
    }
    person = target;

    // 4b. A migration wave's freeze (docs/migrations.md): for everyone but admins, in words that say until when.
    const freeze = await freezeFor(actor, input.organizationId, person.id);
    if (freeze) {
      return refuse(
        { type: 'access.denied', outcome: 'denied', errorCode: 'migration-freeze' },
        { status: 'refused', title: 'You cannot reset this password.', action: `This person is ${freeze.text}.` },
      );
    }

    // 5. Strength again, on the server, with the person's own words.
    const policy = config().password;
    const strength = estimateStrength(
      input.password,
      contextWords({ username: person.username, displayName: person.displayName, email: person.email, organizationAlias: access.alias }),
    );
    if (strength.score < policy.minScore) {
      return refuse(
        { type: 'password.reset.invalid', outcome: 'invalid', errorCode: 'weak-password' },
        {
          status: 'invalid',
          fieldErrors: {
            password: `Too easy to guess (${strength.label}); it must be at least ${STRENGTH_LABELS[policy.minScore]}. Generate one, or add unrelated words.`,
          },
        },
      );
    }

    // 6–7. Rate limits and the "requested" record, in one transaction; no record, no reset. Over a
    // limit, reserveReset itself writes the `rate.limited` refusal.
    let reservation;
    recorded = true;
    try {
      reservation = await reserveReset({ ...base(), type: 'password.reset.requested', outcome: 'requested' }, config().rateLimit);
    } catch (err) {
      log.error({ err: (err as Error).message, actor: actor.subject, errorCode: 'audit-unavailable' }, 'audit write failed: reset refused');
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

    // 8–9. The reset itself, then its outcome with the directory's request id.
    try {
      // Only where the directory can (its provider says so); the form shows no checkbox elsewhere.
      const canRequire = capabilitiesOf(input.organizationId).canForceChangeAtNextSignIn;
      const requireChange = canRequire && input.requireChange === true;
      // The operator and their reason go with the reset: a directory that can name them in its own log does (docs/cloudtrail.md).
      const outcome = await directory().resetPassword(input.organizationId, person.id, input.password, {
        requireChange,
        operator: { subject: actor.subject, email: actor.email || undefined },
        ticket: input.reason || undefined,
      });
      const { requestId } = outcome;
      if (requireChange && !outcome.requireChangeApplied) {
        log.warn(
          { err: outcome.requireChangeError?.providerCode, actor: actor.subject },
          'reset done, but the directory did not take "require change at next sign-in"',
        );
      }
      const change = !canRequire ? 'unsupported' : !requireChange ? 'not-asked' : outcome.requireChangeApplied ? 'applied' : 'refused';
      // The audit says whether the operator now knows a lasting password (the box unticked) or a one-time one.
      await appendEvent({
        ...base(),
        type: 'password.reset.succeeded',
        outcome: 'succeeded',
        requestId,
        requireChange: change,
        roleSession: sessionOf(outcome.operatorSession),
      }).catch((err: unknown) =>
        log.error({ err: (err as Error).message, requestId }, 'audit outcome write failed after a successful reset'),
      );
      const signInName = person.email ?? person.username;
      // After the outcome is recorded: the one-time link's stash and the notice (lib/reset/after-reset.ts).
      const after = await afterReset({
        actor: base().actor,
        organizationId: input.organizationId,
        person,
        signInName,
        requestId,
        password: input.password,
      });
      return {
        status: 'success',
        displayName: person.displayName,
        email: person.email,
        signInName,
        requestId,
        requireChange: change,
        ...after,
      };
    } catch (err) {
      const error = err instanceof DirectoryError ? err : new DirectoryError('unknown');
      if (error.code === 'unknown') {
        // The original, for IT: the vendor's name, message and request id (never shown to the operator).
        const original =
          err instanceof DirectoryError
            ? { name: err.providerCode, message: err.providerMessage }
            : { name: (err as Error)?.name, message: (err as Error)?.message };
        log.error(
          { vendorError: { ...original, requestId: error.requestId }, actor: actor.subject },
          'reset failed with an unmapped error',
        );
      }
      await appendEvent({
        ...base(),
        type: 'password.reset.failed',
        outcome: 'failed',
        errorCode: error.code,
        providerCode: error.providerCode,
        requestId: error.requestId,
        roleSession: sessionOf(error.operatorSession),
      }).catch((auditErr: unknown) => log.error({ err: (auditErr as Error).message }, 'audit outcome write failed'));
      return refusedBy(error, input.organizationId);
    }
  }
}
