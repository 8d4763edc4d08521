import { EntityNotFoundException, WorkMailServiceException } from '@aws-sdk/client-workmail';
import { describe, expect, it } from 'vitest';
import { WORKMAIL_ERROR_TEXT } from './error-text';
import { toDirectoryError } from './errors';

const sdkError = (name: string) =>
  new WorkMailServiceException({ name, $fault: 'client', $metadata: { requestId: 'req-1', httpStatusCode: 400 }, message: `raw ${name}` });

describe('the SDK error table', () => {
  it.each([
    ['InvalidPasswordException', 'invalid-password'],
    ['InvalidParameterException', 'invalid-input'],
    ['ValidationException', 'invalid-input'],
    ['EntityStateException', 'entity-state'],
    ['OrganizationNotFoundException', 'organization-not-found'],
    ['OrganizationStateException', 'organization-state'],
    ['DirectoryUnavailableException', 'directory-unavailable'],
    ['DirectoryServiceAuthenticationFailedException', 'directory-auth-failed'],
    ['UnsupportedOperationException', 'unsupported'],
    ['AccessDeniedException', 'access-denied'],
    ['UnrecognizedClientException', 'credentials'],
    ['InvalidSignatureException', 'credentials'],
    ['ExpiredTokenException', 'credentials'],
    ['ThrottlingException', 'throttled'],
    ['LimitExceededException', 'throttled'],
    ['ServiceUnavailable', 'throttled'],
    ['SomethingNewException', 'unknown'],
  ])('%s → %s, keeping the request id and dropping the message', (name, code) => {
    const mapped = toDirectoryError(sdkError(name));
    expect(mapped.code).toBe(code);
    expect(mapped.requestId).toBe('req-1');
    expect(mapped.message).not.toContain('raw');
  });

  it('maps modeled classes, missing credentials and network failures', () => {
    const notFound = new EntityNotFoundException({ $metadata: { requestId: 'r2' }, message: 'x' });
    expect(toDirectoryError(notFound)).toMatchObject({ code: 'not-found', requestId: 'r2' });
    expect(toDirectoryError(Object.assign(new Error('no creds'), { name: 'CredentialsProviderError' })).code).toBe('credentials');
    expect(toDirectoryError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })).code).toBe('network');
    expect(toDirectoryError(Object.assign(new Error('x'), { cause: { code: 'ETIMEDOUT' } })).code).toBe('network');
    expect(toDirectoryError(Object.assign(new Error('t'), { name: 'TimeoutError' })).code).toBe('network');
    expect(toDirectoryError(undefined).code).toBe('unknown');
  });

  it('keeps an unmapped error’s original name and message for the log, out of the shown message', () => {
    const mapped = toDirectoryError(sdkError('SomethingNewException'));
    expect(mapped).toMatchObject({
      code: 'unknown',
      providerCode: 'SomethingNewException',
      providerMessage: 'raw SomethingNewException',
      requestId: 'req-1',
    });
    expect(mapped.message).not.toContain('raw');
  });

  it('has words for every code', () => {
    for (const text of Object.values(WORKMAIL_ERROR_TEXT)) {
      expect(text.title.length).toBeGreaterThan(10);
      expect(text.action.length).toBeGreaterThan(10);
    }
  });
});
