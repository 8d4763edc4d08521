/** What each directory failure means to an operator of a WorkMail organization, and what to do about it (docs/errors.md). */
import type { DirectoryErrorCode } from '../../directory/errors';
import type { ErrorText } from '../../directory/provider';

export const WORKMAIL_ERROR_TEXT: Record<DirectoryErrorCode, ErrorText> = {
  'invalid-password': {
    title: 'WorkMail rejected the password as too weak for its directory rules.',
    action: 'Use a longer password that mixes at least three of lowercase, uppercase, digits and symbols, or generate one.',
  },
  'invalid-input': {
    title: 'WorkMail refused one of the values sent to it.',
    action: 'Check the person and the password for unusual characters and try again.',
  },
  'not-found': {
    title: 'This person no longer exists in this organization.',
    action: 'Search again: they may have been renamed or removed.',
  },
  'group-not-found': {
    title: 'A group named in the portal’s access policy does not exist in this WorkMail organization.',
    action:
      'Nobody can be checked against it, so nothing was done. IT must correct the group names in the access policy (delegated and protected groups).',
  },
  'entity-state': {
    title: 'This mailbox is disabled or deleted in WorkMail.',
    action: 'An admin must enable it in WorkMail before its password can be reset.',
  },
  'organization-not-found': {
    title: 'WorkMail does not know this organization.',
    action: 'The organization id in the access policy is wrong, or belongs to another AWS account or region: tell IT.',
  },
  'organization-state': {
    title: 'This WorkMail organization is not active right now.',
    action: 'Try again later; if it stays inactive, tell IT.',
  },
  'directory-unavailable': {
    title: 'The directory behind WorkMail cannot be reached.',
    action: 'Try again in a few minutes; if it persists, tell IT.',
  },
  'directory-auth-failed': {
    title: "WorkMail's own sign-in to its directory failed.",
    action: 'IT must repair the directory connection in WorkMail.',
  },
  unsupported: {
    title: 'This organization’s directory is read-only from WorkMail (for example an AD Connector).',
    action: 'Reset the password in Active Directory instead.',
  },
  'access-denied': {
    title: 'The portal’s AWS role is not allowed to do this in this organization.',
    action: 'IT must grant the portal’s role the WorkMail permission (for resets: workmail:ResetPassword) on this organization.',
  },
  credentials: {
    title: 'The portal’s AWS credentials are missing, wrong or expired.',
    action: 'Tell IT: the portal’s server needs valid AWS credentials.',
  },
  throttled: {
    title: 'WorkMail is busy and turned the request away, even after retrying.',
    action: 'Try again in a minute.',
  },
  network: {
    title: 'WorkMail did not answer in time, or could not be reached.',
    // A request that timed out may still have been carried out by WorkMail.
    action: 'If this was a reset, the password may or may not have been changed: try the reset again in a minute; if it persists, tell IT.',
  },
  unknown: {
    title: 'Something unexpected went wrong talking to WorkMail.',
    action: 'Try again; if it persists, tell IT and quote the request id.',
  },
  'operator-session-refused': {
    title: 'AWS refused the portal the reset role that names you in CloudTrail, so no reset was made.',
    action:
      'IT must check this organization’s roleArn in the access policy and the role’s trust and permission policies (they must allow the portal with a source identity; see docs/cloudtrail.md).',
  },
  'operator-session-unavailable': {
    title:
      'AWS STS, which gives the portal the reset role that names you in CloudTrail, is busy or cannot be reached, so no reset was made.',
    action: 'Try again in a minute; if it persists, tell IT.',
  },
};
