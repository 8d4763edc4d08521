import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirectoryError } from '../../directory/errors';
import { bindPassword, ldapOptionsSchema } from './options';
import { activeDirectoryProvider, ldapProvider } from './provider';

const valid = {
  flavour: 'active-directory',
  url: 'ldaps://dc1.example.com:636',
  bindDN: 'CN=svc-portal,OU=Service,DC=example,DC=com',
  bindPasswordEnv: 'PORTAL_LDAP_PASSWORD',
  caFile: '/etc/portal/ad-ca.pem',
  peopleBaseDN: 'OU=People,DC=example,DC=com',
};

describe('LDAP options', () => {
  it('accepts a complete organization and fills in the timeouts and pool size', () => {
    expect(ldapOptionsSchema.parse(valid)).toMatchObject({ startTls: false, connectTimeoutMs: 5000, timeoutMs: 10_000, poolSize: 4 });
    expect(ldapOptionsSchema.safeParse({ ...valid, url: 'ldap://dc1.example.com', startTls: true }).success).toBe(true);
    // Plain LDAP on this machine's loopback only (nothing can listen in there).
    expect(ldapOptionsSchema.safeParse({ ...valid, url: 'ldap://127.0.0.1:389', caFile: undefined }).success).toBe(true);
  });

  it.each([
    ['an inline password', { bindPassword: 'secret' }],
    ['no password source', { bindPasswordEnv: undefined }],
    ['two password sources', { bindPasswordFile: '/run/secrets/ldap' }],
    ['an LDAPS URL without a CA file', { caFile: undefined }],
    ['StartTLS on an ldaps:// URL', { startTls: true }],
    ['an http URL', { url: 'https://dc1.example.com' }],
    ['a URL with a path', { url: 'ldaps://dc1.example.com/DC=example' }],
    ['a base that is not a DN', { peopleBaseDN: 'people' }],
    ['a filter without parentheses', { peopleFilter: 'objectClass=user' }],
    ['an unknown flavour', { flavour: 'novell' }],
    ['a pool of 0', { poolSize: 0 }],
    ['plain ldap:// to another machine (the service account would bind in clear)', { url: 'ldap://dc1.example.com', caFile: undefined }],
    ['plain ldap:// to a name that only starts like loopback', { url: 'ldap://127.0.0.1.evil.example', caFile: undefined }],
  ])('refuses %s', (_, change) => {
    expect(ldapOptionsSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('reads the service password from the named variable or file, and says credentials when it is missing', () => {
    process.env.TEST_OPTIONS_PASSWORD = 'from-env';
    expect(bindPassword(ldapOptionsSchema.parse({ ...valid, bindPasswordEnv: 'TEST_OPTIONS_PASSWORD' }))).toBe('from-env');
    const file = join(mkdtempSync(join(tmpdir(), 'ldap-options-')), 'password');
    writeFileSync(file, 'from-file\n');
    expect(bindPassword(ldapOptionsSchema.parse({ ...valid, bindPasswordEnv: undefined, bindPasswordFile: file }))).toBe('from-file');
    const missing = () => bindPassword(ldapOptionsSchema.parse({ ...valid, bindPasswordEnv: 'TEST_OPTIONS_UNSET' }));
    expect(missing).toThrow(DirectoryError);
    expect(missing).toThrow(/credentials/);
  });
});

describe('password limits', () => {
  it('Active Directory counts its 256 in UTF-16 units (unicodePwd); other LDAP servers count characters', () => {
    expect(activeDirectoryProvider.passwordLimits).toMatchObject({ maxLength: 256, countsIn: 'utf16-units' });
    expect(ldapProvider.passwordLimits).toMatchObject({ maxLength: 256, countsIn: 'characters' });
  });
});
