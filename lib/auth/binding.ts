import 'server-only';
/**
 * Binds a reset form to the person and operator it was rendered for: an HMAC over organization,
 * person and operator, checked by the action before anything else. A crafted POST that names
 * someone else than the page fails here, before any directory call. (Authorization is still
 * decided again by can() inside the action; this only pins the target.)
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { config } from '../config';

let key: Buffer | undefined;
const bindingKey = () => (key ??= Buffer.from(hkdfSync('sha256', config().auth.secret, '', 'reset-form-binding', 32)));

export function formBinding(organizationId: string, personId: string, actorSubject: string): string {
  return createHmac('sha256', bindingKey()).update(`${organizationId}\u0000${personId}\u0000${actorSubject}`).digest('base64url');
}

export function checkBinding(binding: string, organizationId: string, personId: string, actorSubject: string): boolean {
  const expected = Buffer.from(formBinding(organizationId, personId, actorSubject));
  const given = Buffer.from(binding);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
