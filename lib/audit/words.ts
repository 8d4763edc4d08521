/**
 * An audit event's outcome in words, for the /audit table (the CSV export keeps the raw `type`,
 * `outcome` and `error_code`). Pure and isomorphic. Codes come from lib/directory/errors.ts and
 * lib/access/can.ts; an unknown one is shown as its code with spaces, never hidden.
 */
import type { AuditEvent } from './types';

const CODE_WORDS: Record<string, string> = {
  'not-yours': 'not theirs to reset',
  self: 'their own mailbox',
  'no-role': 'no role in the portal',
  'form-binding': 'a form for someone else',
  'form-expired': 'the form had expired',
  'weak-password': 'password too weak',
  'rate-limit-operator': 'too many resets by this operator',
  'rate-limit-target': 'too many resets of this person',
  'service-account': 'a system mailbox',
  'externally-managed': 'signs in elsewhere',
  'audit-unavailable': 'audit log unavailable',
  'invalid-password': 'password refused by the directory',
  'directory-auth-failed': 'the portal could not sign in to the directory',
  'organization-state': 'organization not active',
  'entity-state': 'mailbox state',
  'not-found': 'not found',
};

/** "directory-unavailable" → "directory unavailable"; the few that need other words come from the table. */
export const codeWords = (code: string) => CODE_WORDS[code] ?? code.replace(/[-_.]+/g, ' ');

type Outcome = Pick<AuditEvent, 'type' | 'outcome' | 'errorCode' | 'repeatCount'>;

/** Events that follow a reset (lib/notify, lib/handover) and migration waves, by type: their outcomes alone would say too little. */
const TYPE_WORDS: Partial<Record<string, (because: string) => string>> = {
  'notice.sent': () => 'Notice sent to the person',
  'notice.failed': (because) => `Notice not sent${because}`,
  'handover.created': () => 'One-time link created',
  'handover.revealed': () => 'One-time link opened',
  'handover.expired': () => 'One-time link expired unopened',
};

function base({ type, outcome, errorCode }: Outcome): string {
  const because = errorCode ? `: ${codeWords(errorCode)}` : '';
  const byType = TYPE_WORDS[type];
  if (byType) return byType(because);
  switch (outcome) {
    case 'succeeded':
      return type === 'password.reset.succeeded' ? 'Reset' : 'Done';
    case 'failed':
      return `Failed${because}`;
    case 'refused':
    case 'denied':
      return `Refused${because}`;
    case 'invalid':
      return `Not accepted${because}`;
    case 'requested':
      // Shown only when no outcome follows it (lib/audit/query.ts joins the rest).
      return 'Requested, no outcome recorded';
    case 'signed-in':
      return 'Signed in';
    case 'exported':
      return 'Exported the audit log';
    case 'purged':
      return 'Removed old events';
    case 'revoked':
      return `Session ended${because}`;
    default:
      return `${outcome.charAt(0).toUpperCase()}${outcome.slice(1).replace(/-/g, ' ')}${because}`;
  }
}

export function outcomeWords(event: Outcome): string {
  const words = base(event);
  return event.repeatCount && event.repeatCount > 1 ? `${words} (${event.repeatCount} times)` : words;
}

/** The filter's choices in the same words; the values in the URL stay the raw outcomes. */
export const OUTCOME_LABEL: Record<string, string> = {
  succeeded: 'Reset',
  failed: 'Failed',
  refused: 'Refused (limits, rules)',
  denied: 'Refused (access)',
  invalid: 'Not accepted',
  requested: 'Requested',
  'signed-in': 'Signed in',
  exported: 'Exported',
  purged: 'Removed old events',
  sent: 'Notice sent',
  created: 'One-time link created',
  revealed: 'One-time link opened',
  expired: 'One-time link expired',
};
