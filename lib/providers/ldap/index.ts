/**
 * The LDAP provider's public face, for the composition root: the Directory, its settings schema,
 * its reset options ("require change at next sign-in") and its words for each error code.
 */
export { LdapDirectory } from './directory';
export { LDAP_ERROR_TEXT } from './error-text';
export { ldapOptionsSchema, type LdapOptions } from './options';
export type { ResetOptions, ResetOutcome } from './password';
