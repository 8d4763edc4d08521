/**
 * What each directory failure means to an operator when the organization's directory is Active
 * Directory or another LDAP server, and what to do about it. Same shape as the portal's own table
 * (lib/directory/provider.ts); the provider's message from the server never reaches a page.
 */
import type { DirectoryErrorCode } from '../../directory/errors';
import type { ErrorText } from '../../directory/provider';

export const LDAP_ERROR_TEXT: Record<DirectoryErrorCode, ErrorText> = {
  'invalid-password': {
    title: 'The directory rejected the password under its password policy (length, complexity or history).',
    action:
      'Use a longer password that mixes lowercase, uppercase, digits and symbols and does not contain the person’s name, or generate one.',
  },
  'invalid-input': {
    title: 'The directory refused one of the values sent to it.',
    action: 'Check the person and the password for unusual characters and try again.',
  },
  'not-found': {
    title: 'This person no longer exists in the directory, or is outside the part the portal may see.',
    action: 'Search again: they may have been renamed, moved to another organizational unit or removed.',
  },
  'group-not-found': {
    title: 'A group named in the portal’s access policy is not in the directory under its group base, or is there twice.',
    action:
      'Nobody can be checked against it, so nothing was done. IT must correct the group names or the group base in the access policy.',
  },
  'entity-state': {
    title: 'This account is disabled in the directory.',
    action: 'An administrator must enable it in the directory before its password can be reset.',
  },
  'organization-not-found': {
    title: 'The directory does not hold the base DN this organization is configured with.',
    action: 'The base DN in the access policy is wrong: tell IT.',
  },
  'organization-state': {
    title: 'The directory is not accepting changes right now.',
    action: 'Try again later; if it persists, tell IT.',
  },
  'directory-unavailable': {
    title: 'The portal cannot reach the directory server, or does not trust its certificate.',
    action:
      'Try again in a few minutes; if it persists, IT must check that the server runs, the URL in the access policy, and its CA file.',
  },
  'directory-auth-failed': {
    title: 'The directory could not check the portal’s sign-in.',
    action: 'Try again in a few minutes; if it persists, tell IT.',
  },
  unsupported: {
    title: 'The directory will not change passwords over this connection or for this account.',
    action: 'IT must connect the portal with LDAPS (an ldaps:// URL, or StartTLS) and check that this account can hold a password.',
  },
  'access-denied': {
    title: 'The directory’s own permissions do not let the portal reset this person’s password.',
    action:
      'The portal’s service account lacks the Reset Password right on this account (protected administrators are refused on purpose); IT must delegate it if it should be allowed.',
  },
  credentials: {
    title: 'The portal’s service account could not sign in to the directory.',
    action: 'Tell IT: the service account’s DN or password (from its environment variable or file) is missing, wrong or expired.',
  },
  throttled: {
    title: 'The directory is busy and turned the request away.',
    action: 'Try again in a minute.',
  },
  network: {
    title: 'The directory did not answer in time, or the connection broke.',
    // A request that timed out may still have been carried out by the server.
    action: 'If this was a reset, the password may or may not have been changed: try the reset again in a minute; if it persists, tell IT.',
  },
  unknown: {
    title: 'Something unexpected went wrong talking to the directory.',
    action: 'Try again; if it persists, tell IT and quote the time.',
  },
  // Never raised by this provider (it does not act under a per-operator session); present because every code has words.
  'operator-session-refused': {
    title: 'The directory refused to act on your behalf, so no reset was made.',
    action: 'Tell IT: the portal’s settings for this organization need checking.',
  },
  'operator-session-unavailable': {
    title: 'The service that lets the portal act on your behalf cannot be reached, so no reset was made.',
    action: 'Try again in a minute; if it persists, tell IT.',
  },
};
