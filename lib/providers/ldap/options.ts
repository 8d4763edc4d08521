/**
 * The settings of one organization served by an LDAP directory (Active Directory or OpenLDAP and
 * friends), as the access policy gives them. The bind password is never inline: it comes from an
 * environment variable or a file the policy names. A pinned CA file is required for encrypted
 * connections; there is no switch that turns certificate checks off.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DirectoryError } from '../../directory/errors';

const dn = z.string().trim().min(3).max(1024).regex(/=/, 'expected a distinguished name such as OU=People,DC=example,DC=com');

export const ldapOptionsSchema = z
  .object({
    /** The portal's id for the organization (the access policy's `id`); only a key here. */
    id: z.string().min(1).optional(),
    /** `active-directory`: unicodePwd resets, objectGUID ids, nested groups by the server; `ldap`: RFC 3062 resets, entryUUID ids. */
    flavour: z.enum(['active-directory', 'ldap']),
    url: z
      .string()
      .trim()
      .regex(/^ldaps?:\/\/[^/\s?#]+\/?$/i, 'expected ldaps://host[:port] (or ldap://host[:port] with startTls)'),
    /** Upgrade an ldap:// connection with StartTLS before binding. */
    startTls: z.boolean().default(false),
    bindDN: z.string().trim().min(1).max(1024),
    bindPasswordEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    bindPasswordFile: z.string().min(1).optional(),
    /** PEM file of the CA that signed the directory's certificate. */
    caFile: z.string().min(1).optional(),
    /** Where people live; searches and resets stay inside it. */
    peopleBaseDN: dn,
    /** Where groups live; the people base when absent. */
    groupBaseDN: dn.optional(),
    /** Replaces the flavour's filter for people, e.g. to leave service accounts out. */
    peopleFilter: z
      .string()
      .trim()
      .regex(/^\(.*\)$/, 'expected an LDAP filter in parentheses')
      .optional(),
    connectTimeoutMs: z.number().int().min(100).max(60_000).default(5000),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** Bound connections kept per organization, and the most used at once. */
    poolSize: z.number().int().min(1).max(32).default(4),
  })
  .strict()
  .refine((o) => (o.bindPasswordEnv === undefined) !== (o.bindPasswordFile === undefined), {
    message: 'give exactly one of bindPasswordEnv and bindPasswordFile',
  })
  .refine((o) => !(o.startTls && o.url.toLowerCase().startsWith('ldaps:')), { message: 'startTls applies to ldap:// URLs only' })
  .refine((o) => o.caFile !== undefined || !encrypted(o), { message: 'caFile is required for ldaps:// and startTls' })
  // The service account's bind (and every answer) would cross the network in clear: only on this
  // machine's loopback, where nothing can listen in (the tests' configuration-error case), is it allowed.
  .refine((o) => encrypted(o) || loopback(o.url), { message: 'use ldaps:// or startTls: true (plain ldap:// only to a loopback address)' });

export type LdapOptions = z.output<typeof ldapOptionsSchema>;

function loopback(url: string): boolean {
  const host = /^ldaps?:\/\/(\[[^\]]+\]|[^:/]+)/i.exec(url)?.[1]?.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host ?? '');
}

export function encrypted(o: { url: string; startTls: boolean }): boolean {
  return o.url.toLowerCase().startsWith('ldaps:') || o.startTls;
}

/** The service account's password, read when a connection is made (so a rotated file is picked up). */
export function bindPassword(o: LdapOptions): string {
  const value = o.bindPasswordEnv !== undefined ? process.env[o.bindPasswordEnv] : readOrUndefined(o.bindPasswordFile!);
  if (!value) throw new DirectoryError('credentials', undefined, 'BindPasswordMissing');
  return value;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch {
    return undefined;
  }
}
