/**
 * Directory failures in the portal's own codes (docs/errors.md). Each provider maps its errors to
 * these in one table (lib/providers/<name>/errors.ts) and words each code for operators
 * (lib/providers/<name>/error-text.ts); nobody is shown the vendor's message. The audit log's
 * `error_code` holds these codes, its `provider_code` the vendor's name for the failure.
 */
export type DirectoryErrorCode =
  | 'invalid-password'
  | 'invalid-input'
  | 'not-found'
  | 'group-not-found'
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
  | 'unknown'
  /** The directory refused to act as the operator (a role the portal may not take, or that requires what it was not given): configuration. */
  | 'operator-session-refused'
  /** The service that lets the portal act as the operator was busy or unreachable: nothing was done. */
  | 'operator-session-unavailable';

export class DirectoryError extends Error {
  constructor(
    readonly code: DirectoryErrorCode,
    /** The provider's request id, for IT to quote to the vendor's support. */
    readonly requestId?: string,
    /** The provider's own name for the failure (an exception name, an LDAP result code), for the audit log and logs. */
    readonly providerCode?: string,
    /** The provider’s own message, for logs only (never shown to an operator). */
    readonly providerMessage?: string,
    /** The session the call ran under on the operator's behalf, when it did (lib/directory/types.ts OperatorSession). */
    readonly operatorSession?: { role: string; identity: string },
  ) {
    super(`directory error: ${code}${providerCode ? ` (${providerCode})` : ''}`);
    this.name = 'DirectoryError';
  }
}
