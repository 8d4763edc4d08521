import {
  BusyError,
  ConfidentialityRequiredError,
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  NoSuchObjectError,
  ProtocolError,
  StrongAuthRequiredError,
  UnavailableError,
  UnwillingToPerformError,
} from 'ldapts';
import { describe, expect, it } from 'vitest';
import { DirectoryError } from '../../directory/errors';
import { LDAP_ERROR_TEXT } from './error-text';
import { toDirectoryError } from './errors';

const nodeError = (code: string, message = `socket said ${code}`) => Object.assign(new Error(message), { code });

describe('the LDAP error table', () => {
  it.each([
    [new InvalidCredentialsError('80090308: LdapErr: DSID-0C0903A9, data 52e'), 'credentials', 'invalidCredentials'],
    [
      new InsufficientAccessError('error in module acl: insufficient access rights during LDB_MODIFY (50) Code: 0x32'),
      'access-denied',
      'insufficientAccessRights',
    ],
    [
      new ConstraintViolationError('0000052D: Constraint violation - check_password_restrictions: the password is too short. Code: 0x13'),
      'invalid-password',
      'constraintViolation',
    ],
    [new ConstraintViolationError('Password fails quality checking policy Code: 0x13'), 'invalid-password', 'constraintViolation'],
    [
      new UnwillingToPerformError('0000052D: SvcErr: DSID-031A1248, problem 5003 (WILL_NOT_PERFORM)'),
      'invalid-password',
      'unwillingToPerform',
    ],
    [
      new UnwillingToPerformError("00002035: setup_io: it's not allowed to set the NT hash password directly' Code: 0x35"),
      'unsupported',
      'unwillingToPerform',
    ],
    [new StrongAuthRequiredError('BindSimple: Transport encryption required. Code: 0x8'), 'unsupported', 'strongAuthRequired'],
    [new ConfidentialityRequiredError('confidentiality required'), 'unsupported', 'confidentialityRequired'],
    [new NoSuchObjectError(' Code: 0x20'), 'not-found', 'noSuchObject'],
    [new BusyError('busy'), 'directory-unavailable', 'busy'],
    [new UnavailableError('unavailable'), 'directory-unavailable', 'unavailable'],
    [new ProtocolError('Extended Operation(1.3.6.1.4.1.4203.1.11.1) not supported'), 'unsupported', 'protocolError'],
    [nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:636'), 'directory-unavailable', 'ECONNREFUSED'],
    [nodeError('ENOTFOUND'), 'directory-unavailable', 'ENOTFOUND'],
    [nodeError('ECONNRESET'), 'network', 'ECONNRESET'],
    [
      nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      'directory-unavailable',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ],
    [nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'directory-unavailable', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    [nodeError('DEPTH_ZERO_SELF_SIGNED_CERT'), 'directory-unavailable', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    [new Error('Connection timeout'), 'directory-unavailable', 'ConnectTimeout'],
    [new Error('ModifyRequest: Operation timed out'), 'network', 'ConnectionLost'],
    [
      new Error('Connection closed before message response was received. Message type: ExtendedRequest (0x77)'),
      'network',
      'ConnectionLost',
    ],
    [new Error('something else'), 'unknown', 'Error'],
  ])('%s → %s', (err, code, providerCode) => {
    const mapped = toDirectoryError(err);
    expect(mapped).toBeInstanceOf(DirectoryError);
    expect(mapped.code).toBe(code);
    expect(mapped.providerCode).toBe(providerCode);
    // The server's words stay for the logs, out of the shown message.
    expect(mapped.message).not.toContain((err as Error).message);
  });

  it('passes a DirectoryError through unchanged', () => {
    const original = new DirectoryError('not-found', undefined, 'NoSuchPerson');
    expect(toDirectoryError(original)).toBe(original);
  });

  it('has words for every code that speak of the directory, never of WorkMail or AWS', () => {
    for (const text of Object.values(LDAP_ERROR_TEXT)) {
      expect(`${text.title} ${text.action}`).not.toMatch(/workmail|aws|iam\b/i);
      expect(text.title.length).toBeGreaterThan(10);
      expect(text.action.length).toBeGreaterThan(10);
    }
  });
});
