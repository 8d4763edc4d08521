/**
 * Setting a person's password, the two ways LDAP servers take it. The password goes into the
 * request and nowhere else; both refuse to run on an unencrypted connection, whatever the server
 * would accept (Samba accepts a unicodePwd set over plain LDAP once simple binds are allowed).
 */
import { Attribute, BerWriter, Change, type Client } from 'ldapts';
import { DirectoryError } from '../../directory/errors';
import type { ResetOptions, ResetOutcome } from '../../directory/types';
import { toDirectoryError } from './errors';

/** RFC 3062 LDAP Password Modify extended operation. */
const PASSWORD_MODIFY = '1.3.6.1.4.1.4203.1.11.1';

export type { ResetOptions, ResetOutcome } from '../../directory/types';

export function refuseUnencrypted(encrypted: boolean): void {
  if (!encrypted) throw new DirectoryError('unsupported', undefined, 'TransportNotEncrypted');
}

/**
 * Active Directory: Modify replace `unicodePwd` with the UTF-16LE bytes of the password in double
 * quotes (Microsoft's unicodePwd docs); with `requireChange`, `pwdLastSet=0` in the same Modify, so
 * both happen or neither (the service account needs write access to pwdLastSet for that).
 */
export async function resetActiveDirectory(client: Client, dn: string, password: string, options: ResetOptions): Promise<ResetOutcome> {
  const changes = [
    new Change({
      operation: 'replace',
      modification: new Attribute({ type: 'unicodePwd', values: [Buffer.from(`"${password}"`, 'utf16le')] }),
    }),
  ];
  if (options.requireChange) {
    changes.push(new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdLastSet', values: ['0'] }) }));
  }
  await client.modify(dn, changes);
  return options.requireChange ? { requireChangeApplied: true } : {};
}

/**
 * Other LDAP servers: the Password Modify extended operation with the target's DN and the new
 * password (always sent: a server-generated one comes back in a form ldapts decodes badly). ppolicy
 * sets pwdReset only for a `manage` resetter, and deletes it when anyone else sets the password, so
 * `requireChange` writes it afterwards. That second step can be refused after the password is
 * already set: the outcome says so rather than reporting a reset that did happen as a failure.
 */
export async function resetLdap(client: Client, dn: string, password: string, options: ResetOptions): Promise<ResetOutcome> {
  const request = new BerWriter();
  request.startSequence();
  request.writeString(dn, 0x80); // userIdentity
  request.writeString(password, 0x82); // newPasswd
  request.endSequence();
  await client.exop(PASSWORD_MODIFY, request.buffer);
  if (!options.requireChange) return {};
  try {
    await client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdReset', values: ['TRUE'] }) }));
    return { requireChangeApplied: true };
  } catch (err) {
    return { requireChangeApplied: false, requireChangeError: toDirectoryError(err) };
  }
}
