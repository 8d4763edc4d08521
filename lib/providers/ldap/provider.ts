import 'server-only';
/**
 * Active Directory and other LDAP directories as providers (docs/active-directory.md): one
 * adapter, two flavours, each named by the access policy's `"provider"`. The composition root
 * (lib/portal.ts) is the only importer of this file.
 */
import { z } from 'zod';
import { DirectoryError } from '../../directory/errors';
import type { DirectoryProvider, ProviderWording } from '../../directory/provider';
import { LdapDirectory } from './directory';
import { LDAP_ERROR_TEXT } from './error-text';
import type { FlavourName } from './flavours';
import { ldapOptionsSchema, type LdapOptions } from './options';

/** The flavour comes from `"provider"`; a policy that also names one must name the same. */
const settingsFor = (flavour: FlavourName) =>
  z
    .preprocess(
      (value) => (typeof value === 'object' && value !== null && !('flavour' in value) ? { ...value, flavour } : value),
      ldapOptionsSchema,
    )
    .refine((options) => options.flavour === flavour, { message: `leave "flavour" out: "provider" says "${flavour}"`, path: ['flavour'] });

const wording = (name: string, console: string): ProviderWording => ({
  name,
  // LDAP answers carry no id that a vendor's support could trace.
  requestIdLabel: 'Request id',
  externalIdentitySource: 'another identity source',
  errors: LDAP_ERROR_TEXT,
  refusals: {
    disabled: `This account is disabled in ${name}. An admin must enable it in ${console} first.`,
    externallyManaged: 'This person’s password is managed outside this directory: reset it there.',
  },
});

function provider(id: FlavourName, name: string, console: string): DirectoryProvider<LdapOptions> {
  return {
    id,
    wording: wording(name, console),
    // Any printable character: both take UTF-8, AD as UTF-16 in unicodePwd, so its 256 (AD's own
    // limit) counts UTF-16 units: an emoji is two. Plain LDAP servers count characters.
    passwordLimits: {
      maxLength: 256,
      countsIn: id === 'active-directory' ? 'utf16-units' : 'characters',
      allowedRanges: [[0x20, 0x10ffff]],
      allowedDescription: 'printable characters',
    },
    capabilities: { canForceChangeAtNextSignIn: true, hasRequestIds: false },
    settings: settingsFor(id),
    connect(organizations) {
      return new LdapDirectory((organizationId) => {
        const options = organizations.get(organizationId);
        if (!options) throw new DirectoryError('organization-not-found', undefined, 'NotInAccessPolicy');
        return options;
      });
    },
  };
}

export const activeDirectoryProvider = provider('active-directory', 'Active Directory', 'Active Directory Users and Computers');
export const ldapProvider = provider('ldap', 'the LDAP directory', 'the directory');
