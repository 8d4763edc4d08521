import 'server-only';
/**
 * The server's step-up check for the reset action (lib/reset/define-action.ts): reads this
 * request's sign-in from the session cookie, and records a refusal in the audit log (through the
 * bounded writer, as the reset's other refusals, lib/audit/repeats.ts). Never trusts the page.
 */
import { headers } from 'next/headers';
import type { Actor } from '../access/actor';
import { appendBounded } from '../audit/repeats';
import { config } from '../config';
import { log } from '../log';
import { requestClient } from '../request-client';
import { cookieIdentity } from './session-token';
import { stepUpReason, type StepUpReason } from './step-up';

/** Why this request's sign-in is not enough for a reset (without auditing), or null. */
export async function currentStepUpReason(): Promise<StepUpReason | null> {
  const identity = await cookieIdentity();
  if (!identity) return 'stale';
  return stepUpReason(identity, Date.now() / 1000, config().stepUp);
}

/** True when the reset must wait for a fresh sign-in; the refusal is then in the audit log. */
export async function refuseWithoutStepUp(actor: Actor, raw: Readonly<Record<string, unknown>>): Promise<boolean> {
  const reason = await currentStepUpReason();
  if (!reason) return false;
  const organizationId =
    typeof raw.organizationId === 'string' && actor.organizations.has(raw.organizationId) ? raw.organizationId : undefined;
  await appendBounded({
    type: 'access.denied',
    actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
    organizationId,
    outcome: 'denied',
    errorCode: `step-up-${reason}`,
    ...requestClient(await headers()),
  }).catch((err: unknown) => log.error({ err: (err as Error).message, actor: actor.subject }, 'audit: step-up refusal not written'));
  return true;
}
