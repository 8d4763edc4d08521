/**
 * The notice after a reset (docs/handover.md, "What the person sees"): plain text, to the person's
 * own mailbox, which they read once they have signed in with the new password, and a copy for the
 * administrators. Never the password and never a link: a mailbox is the wrong place for either.
 */
import { utcDateTime } from '../text/utc';

export interface NoticeFacts {
  personName: string;
  personEmail: string;
  operatorName: string;
  operatorEmail: string;
  /** ISO 8601. */
  time: string;
  itContact: string;
}

/** Directory names are text from elsewhere: no line breaks or other controls inside a mail. */
const plain = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

export function personNotice(f: NoticeFacts): { subject: string; text: string } {
  return {
    subject: 'Your mailbox password was reset',
    text: [
      `Hello ${plain(f.personName)},`,
      '',
      `Your password was reset by an administrator, ${plain(f.operatorName)}, at ${utcDateTime(f.time)}.`,
      `If you did not expect this, contact ${plain(f.itContact)}.`,
      '',
    ].join('\n'),
  };
}

export function adminCopy(f: NoticeFacts): { subject: string; text: string } {
  return {
    subject: `Password reset: ${plain(f.personName)}`,
    text: [
      `${plain(f.operatorName)} (${plain(f.operatorEmail)}) reset the mailbox password of ${plain(f.personName)} (${plain(f.personEmail)}) at ${utcDateTime(f.time)}.`,
      'They were sent a notice; this is your copy.',
      '',
    ].join('\n'),
  };
}
