import 'server-only';
/**
 * Binds a reset form to the person and operator it was rendered for, and to the time the page was
 * issued: `<issued-at seconds>.<HMAC over organization, person, operator and issued-at>`, checked
 * by the action before anything else. A crafted POST that names someone else than the page fails
 * here, before any directory call; so does a form left open longer than the session's idle limit
 * (SESSION_IDLE_MINUTES), which must be reloaded. (Authorization is still decided again by can()
 * inside the action; this only pins the target and bounds the form's life.)
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { config } from '../config';

/** How far an issue time may lie in the future: clocks of several instances differ a little. */
const CLOCK_SKEW_SECONDS = 60;

export type BindingCheck = 'valid' | 'foreign' | 'expired';

let key: Buffer | undefined;
const bindingKey = () => (key ??= Buffer.from(hkdfSync('sha256', config().auth.secret, '', 'reset-form-binding', 32)));

const mac = (organizationId: string, personId: string, actorSubject: string, issuedAt: number) =>
  createHmac('sha256', bindingKey()).update(`${organizationId}\u0000${personId}\u0000${actorSubject}\u0000${issuedAt}`).digest('base64url');

export function formBinding(organizationId: string, personId: string, actorSubject: string, issuedAt = new Date()): string {
  const seconds = Math.floor(issuedAt.getTime() / 1000);
  return `${seconds}.${mac(organizationId, personId, actorSubject, seconds)}`;
}

/** `foreign`: not made by this portal for this person and operator; `expired`: made, but too long ago. */
export function checkBinding(
  binding: string,
  organizationId: string,
  personId: string,
  actorSubject: string,
  now = new Date(),
): BindingCheck {
  const parts = /^(\d{1,12})\.([\w-]{43})$/.exec(binding);
  if (!parts) return 'foreign';
  const issuedAt = Number(parts[1]);
  const expected = Buffer.from(mac(organizationId, personId, actorSubject, issuedAt));
  const given = Buffer.from(parts[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'foreign';
  const age = now.getTime() / 1000 - issuedAt;
  if (age < -CLOCK_SKEW_SECONDS) return 'foreign';
  return age > config().auth.sessionIdleMinutes * 60 ? 'expired' : 'valid';
}
