/**
 * Directory failures in provider-neutral codes (DESIGN.md §8). The WorkMail adapter maps every SDK
 * error to one of these in one table (lib/providers/workmail/errors.ts); pages and actions show the words of
 * lib/providers/workmail/error-text.ts, never the vendor's message.
 */
export type DirectoryErrorCode =
  | 'invalid-password'
  | 'invalid-input'
  | 'not-found'
  | 'entity-state'
  | 'organization-not-found'
  | 'organization-state'
  | 'directory-unavailable'
  | 'directory-auth-failed'
  | 'unsupported'
  | 'access-denied'
  | 'credentials'
  | 'throttled'
  | 'network'
  | 'unknown';

export class DirectoryError extends Error {
  constructor(
    readonly code: DirectoryErrorCode,
    /** The provider's request id, for IT to quote to AWS support. */
    readonly requestId?: string,
    /** The vendor's own error name, for logs only. */
    readonly vendorCode?: string,
    /** The vendor’s own message, for logs only (never shown to an operator). */
    readonly vendorMessage?: string,
  ) {
    super(`directory error: ${code}${vendorCode ? ` (${vendorCode})` : ''}`);
    this.name = 'DirectoryError';
  }
}
