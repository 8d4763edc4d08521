/**
 * The one table from AWS SDK errors to directory codes (docs/style.md: one error table). Vendor
 * messages never pass through; the request id does.
 */
import { DirectoryError, type DirectoryErrorCode } from '../../directory/errors';

const BY_NAME: Record<string, DirectoryErrorCode> = {
  InvalidPasswordException: 'invalid-password',
  InvalidParameterException: 'invalid-input',
  ValidationException: 'invalid-input',
  SerializationException: 'invalid-input',
  EntityNotFoundException: 'not-found',
  EntityStateException: 'entity-state',
  OrganizationNotFoundException: 'organization-not-found',
  OrganizationStateException: 'organization-state',
  DirectoryUnavailableException: 'directory-unavailable',
  DirectoryServiceAuthenticationFailedException: 'directory-auth-failed',
  UnsupportedOperationException: 'unsupported',
  AccessDeniedException: 'access-denied',
  UnrecognizedClientException: 'credentials',
  InvalidSignatureException: 'credentials',
  SignatureDoesNotMatch: 'credentials',
  IncompleteSignatureException: 'credentials',
  MissingAuthenticationTokenException: 'credentials',
  ExpiredTokenException: 'credentials',
  ExpiredToken: 'credentials',
  InvalidClientTokenId: 'credentials',
  CredentialsProviderError: 'credentials',
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  TooManyRequestsException: 'throttled',
  LimitExceededException: 'throttled',
  RequestLimitExceeded: 'throttled',
  ServiceUnavailable: 'throttled',
  ServiceUnavailableException: 'throttled',
  InternalFailure: 'unknown',
  InternalServerError: 'unknown',
  TimeoutError: 'network',
  AbortError: 'network',
  RequestTimeout: 'network',
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  cause?: unknown;
  $metadata?: { requestId?: string };
}

export function toDirectoryError(err: unknown): DirectoryError {
  if (err instanceof DirectoryError) return err;
  const e = (err ?? {}) as SdkErrorLike;
  const name = e.name ?? 'Error';
  const requestId = e.$metadata?.requestId;
  const nested = (e.cause as SdkErrorLike | undefined)?.code;
  const message = typeof e.message === 'string' ? e.message : undefined;
  if (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(nested ?? ''))
    return new DirectoryError('network', requestId, e.code ?? nested, message);
  // The original name and message travel with the mapped error, so an unmapped one can be logged in full.
  return new DirectoryError(BY_NAME[name] ?? 'unknown', requestId, name, message);
}
