/**
 * `tsx scripts/directory-policy.ts samba|openldap [--out FILE]`: writes an access policy that
 * points the portal at one of the test directories (scripts/ensure-samba.ts,
 * scripts/ensure-openldap.ts), in the shape of config/access-policy.demo.json: one organization with
 * alias `example`, the same admins, delegations and protected groups (docs/access-rules.md,
 * docs/active-directory.md). The service account's password is never in the file: the portal reads
 * it from PORTAL_LDAP_PASSWORD (`directoryEnvironment`). `npm run demo -- --directory …` and
 * e2e/directories.spec.ts use it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryScript } from './lib/command';
import { SAMBA, SLAPD } from './lib/test-directories';

export const TEST_DIRECTORIES = {
  samba: { id: 'example-ad', provider: 'active-directory', at: SAMBA, name: 'Samba Active Directory' },
  openldap: { id: 'example-ldap', provider: 'ldap', at: SLAPD, name: 'OpenLDAP' },
} as const;
export type TestDirectoryName = keyof typeof TEST_DIRECTORIES;

/** The environment variable the policy names for the service account's password. */
export const BIND_PASSWORD_ENV = 'PORTAL_LDAP_PASSWORD';

/** One organization's entry for a test directory; `change` overrides keys (another id, alias or URL). */
export function directoryOrganization(name: TestDirectoryName, change: Record<string, unknown> = {}): Record<string, unknown> {
  const { id, provider, at } = TEST_DIRECTORIES[name];
  return {
    provider,
    id,
    alias: 'example',
    url: at.url,
    bindDN: at.service.bindDN,
    bindPasswordEnv: BIND_PASSWORD_ENV,
    caFile: at.caFile,
    peopleBaseDN: at.peopleDN,
    groupBaseDN: at.groupsDN,
    ...change,
  };
}

/** The access policy: the demo's roles over the test directory's `example` organization (and any `extra` ones). */
export function directoryPolicy(name: TestDirectoryName, extra: Record<string, unknown>[] = []) {
  return {
    organizations: [directoryOrganization(name), ...extra],
    admins: { groups: ['it-admins'] },
    delegations: [
      { groups: ['eng-leads'], organization: 'example', directoryGroups: ['engineering'] },
      { groups: ['sales-leads'], organization: 'example', directoryGroups: ['sales'] },
    ],
    protectedGroups: { example: ['it-admins', 'executives'] },
  };
}

/** What the portal needs in its environment besides the policy file: the service account's password. */
export function directoryEnvironment(name: TestDirectoryName): Record<string, string> {
  return { [BIND_PASSWORD_ENV]: TEST_DIRECTORIES[name].at.service.password };
}

export function writeDirectoryPolicy(file: string, name: TestDirectoryName, extra: Record<string, unknown>[] = []): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(directoryPolicy(name, extra), null, 2)}\n`);
  return path;
}

export const isTestDirectory = (name: string): name is TestDirectoryName => Object.hasOwn(TEST_DIRECTORIES, name);

if (isEntryScript(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const name = positionals[0] ?? '';
  if (!isTestDirectory(name)) {
    console.error(`usage: tsx scripts/directory-policy.ts ${Object.keys(TEST_DIRECTORIES).join('|')} [--out FILE]`);
    process.exit(2);
  }
  const path = writeDirectoryPolicy(values.out ?? `data/access-policy.${name}.json`, name);
  console.log(`wrote ${path}`);
  for (const [key, value] of Object.entries(directoryEnvironment(name))) console.log(`${key}=${value}`);
}
