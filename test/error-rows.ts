/**
 * docs/errors.md's WorkMail rows as the tests inject them: the error, a person of the demo data to
 * reset (each another: the per-person limit is three an hour), what the operator must read, and
 * the HTTP status when not 400. lib/reset/reset-errors.test.ts runs every row through the reset
 * action; e2e/reset-errors.spec.ts runs BROWSER_ROWS of them in the browser.
 */
export type ErrorRow = [error: string, person: string, expected: RegExp, status?: number];

export const ERROR_ROWS: ErrorRow[] = [
  ['InvalidPasswordException', 'liam.carter', /rejected the password as too weak/],
  ['InvalidParameterException', 'olivia.nguyen', /refused one of the values/],
  ['ValidationException', 'noah.kim', /refused one of the values/],
  ['EntityNotFoundException', 'emma.rossi', /no longer exists in this organization/],
  ['EntityStateException', 'lucas.silva', /disabled or deleted in WorkMail.*enable it/],
  ['OrganizationNotFoundException', 'mia.novak', /does not know this organization.*access policy/],
  ['OrganizationStateException', 'ethan.walsh', /not active right now/],
  ['DirectoryUnavailableException', 'mason.ortiz', /directory behind WorkMail cannot be reached/],
  ['DirectoryServiceAuthenticationFailedException', 'sofia.ivanova', /own sign-in to its directory failed/],
  ['UnsupportedOperationException', 'logan.hughes', /read-only.*Active Directory/],
  ['AccessDeniedException', 'isabella.cruz', /workmail:ResetPassword/],
  ['UnrecognizedClientException', 'james.okafor', /AWS credentials are missing, wrong or expired/],
  ['InvalidSignatureException', 'benjamin.moreau', /AWS credentials are missing, wrong or expired/],
  ['ExpiredTokenException', 'harper.lindqvist', /AWS credentials are missing, wrong or expired/],
  ['SomethingNewException', 'elijah.brooks', /Something unexpected went wrong talking to WorkMail/],
  ['InternalFailure', 'evelyn.tanaka', /unexpected|busy/, 500],
];

/** One the operator can act on, and WorkMail's own 500. */
export const BROWSER_ROWS = ERROR_ROWS.filter(([error]) => error === 'InvalidPasswordException' || error === 'InternalFailure');
