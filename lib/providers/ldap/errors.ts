/**
 * The one table from LDAP failures (ldapts's typed result codes, Node's socket and TLS errors) to
 * the portal's neutral directory codes. The server's own message stays in the error for logs only:
 * it may name DNs, never the password. docs/active-directory.md lists the same table.
 */
import { ResultCodeError } from 'ldapts';
import { DirectoryError, type DirectoryErrorCode } from '../../directory/errors';

/** By LDAP result code (RFC 4511 §4.1.9); the name goes to the logs as the provider's code. */
const BY_RESULT: Record<number, { name: string; code: DirectoryErrorCode }> = {
  1: { name: 'operationsError', code: 'unknown' },
  2: { name: 'protocolError', code: 'unsupported' }, // e.g. an extended operation the server lacks
  3: { name: 'timeLimitExceeded', code: 'network' },
  7: { name: 'authMethodNotSupported', code: 'credentials' },
  8: { name: 'strongAuthRequired', code: 'unsupported' }, // AD: simple bind without TLS
  11: { name: 'adminLimitExceeded', code: 'throttled' },
  12: { name: 'unavailableCriticalExtension', code: 'unsupported' },
  13: { name: 'confidentialityRequired', code: 'unsupported' }, // password sent without TLS
  19: { name: 'constraintViolation', code: 'invalid-password' }, // AD 0000052D, ppolicy quality
  21: { name: 'invalidAttributeSyntax', code: 'invalid-input' },
  32: { name: 'noSuchObject', code: 'not-found' },
  34: { name: 'invalidDNSyntax', code: 'invalid-input' },
  48: { name: 'inappropriateAuthentication', code: 'credentials' },
  49: { name: 'invalidCredentials', code: 'credentials' }, // the portal's service account
  50: { name: 'insufficientAccessRights', code: 'access-denied' }, // the directory's own ACL said no
  51: { name: 'busy', code: 'directory-unavailable' },
  52: { name: 'unavailable', code: 'directory-unavailable' },
  53: { name: 'unwillingToPerform', code: 'unsupported' },
  80: { name: 'other', code: 'unknown' },
};

/** Nothing reached the server: it is down, unknown or refused the connection. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/** The connection broke mid-request: a reset may or may not have been carried out. */
const BROKEN = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** AD's extended error for a password its policy refuses (length, complexity, history). */
const AD_PASSWORD_POLICY = /\b0000052D\b/i;

interface NodeErrorLike {
  code?: unknown;
  message?: unknown;
}

export function toDirectoryError(err: unknown): DirectoryError {
  if (err instanceof DirectoryError) return err;
  const message = typeof (err as NodeErrorLike)?.message === 'string' ? ((err as NodeErrorLike).message as string) : String(err);
  if (err instanceof ResultCodeError) {
    const known = BY_RESULT[err.code];
    // Windows AD answers some policy refusals with 53 rather than 19; the extended code tells.
    const code = AD_PASSWORD_POLICY.test(message) ? 'invalid-password' : (known?.code ?? 'unknown');
    return new DirectoryError(code, undefined, known?.name ?? `ldapResult${err.code}`, message);
  }
  const nodeCode = typeof (err as NodeErrorLike)?.code === 'string' ? ((err as NodeErrorLike).code as string) : undefined;
  if (nodeCode && UNREACHABLE.has(nodeCode)) return new DirectoryError('directory-unavailable', undefined, nodeCode, message);
  if (nodeCode && BROKEN.has(nodeCode)) return new DirectoryError('network', undefined, nodeCode, message);
  // A certificate the pinned CA did not sign, a name mismatch, or TLS spoken to a plain port.
  if (nodeCode && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO/.test(nodeCode))
    return new DirectoryError('directory-unavailable', undefined, nodeCode, message);
  // ldapts's own timeouts: before connecting nothing was sent; during an operation it may have been.
  if (message === 'Connection timeout') return new DirectoryError('directory-unavailable', undefined, 'ConnectTimeout', message);
  if (/Operation timed out|Connection closed before message response|Socket error/.test(message)) {
    return new DirectoryError('network', undefined, 'ConnectionLost', message);
  }
  return new DirectoryError('unknown', undefined, (err as Error)?.name ?? 'Error', message);
}
