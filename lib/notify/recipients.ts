/**
 * Who the notice after a reset goes to, in words for the confirmation dialog (lib/notify/notify.ts
 * sends it): the person's mailbox and the administrators' copy, or nobody without a mail server.
 */
import type { Config } from '../config';

export function noticeRecipients(person: { displayName: string; email?: string }, notify: Config['notify']): string | undefined {
  if (!notify.smtpUrl) return undefined;
  const copy = notify.adminsTo.length ? `, with a copy to ${notify.adminsTo.join(', ')}` : '';
  if (!person.email) return notify.adminsTo.length ? notify.adminsTo.join(', ') : undefined;
  return `${person.displayName} by email at ${person.email}${copy} (never the password)`;
}
