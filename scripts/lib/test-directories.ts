/**
 * Where the test directories run and how to reach them: shared by scripts/ensure-samba.ts,
 * scripts/ensure-openldap.ts and the tests that use them. Loopback only. Samba's LDAP ports are fixed
 * in its source (389 and 636, no setting changes them), so Samba takes those on 127.0.0.1;
 * slapd takes two high ports that no other test server uses.
 */
import { join } from 'node:path';
import { SERVICE_ACCOUNT } from './directory-seed';

const SAMBA_DIR = process.env.SAMBA_DIR ?? '/tmp/workmail-portal-samba';
const SLAPD_DIR = process.env.SLAPD_DIR ?? '/tmp/workmail-portal-slapd';

/** Each server's seed version is bumped whenever its seed or configuration changes: a running server of another version is started afresh. */
export const SAMBA = {
  seedVersion: '2',
  dir: SAMBA_DIR,
  realm: 'EXAMPLE.TEST',
  domain: 'EXAMPLE',
  url: 'ldaps://127.0.0.1:636',
  plainUrl: 'ldap://127.0.0.1:389',
  ports: [389, 636, 3268, 3269],
  baseDN: 'DC=example,DC=test',
  peopleDN: 'OU=People,DC=example,DC=test',
  groupsDN: 'OU=Groups,DC=example,DC=test',
  serviceDN: 'OU=Service,DC=example,DC=test',
  adminsDN: 'OU=Admins,DC=example,DC=test',
  caFile: join(SAMBA_DIR, 'tls', 'ca.pem'),
  admin: { bindDN: 'Administrator@example.test', password: 'Adm1n-Pass-2026!' },
  service: { bindDN: `CN=${SERVICE_ACCOUNT.username},OU=Service,DC=example,DC=test`, password: SERVICE_ACCOUNT.password },
  /** How a person binds: by their user principal name. */
  bindName: (username: string) => `${username}@example.test`,
  /** How ops.admin (outside the people's OU) binds. */
  outsiderBindName: 'ops.admin@example.test',
};

export const SLAPD = {
  seedVersion: '3',
  dir: SLAPD_DIR,
  url: 'ldaps://127.0.0.1:4490',
  plainUrl: 'ldap://127.0.0.1:4489',
  ports: [4489, 4490],
  baseDN: 'dc=example,dc=test',
  peopleDN: 'ou=people,dc=example,dc=test',
  groupsDN: 'ou=groups,dc=example,dc=test',
  serviceDN: 'ou=service,dc=example,dc=test',
  adminsDN: 'ou=admins,dc=example,dc=test',
  caFile: join(SLAPD_DIR, 'tls', 'ca.pem'),
  admin: { bindDN: 'cn=admin,dc=example,dc=test', password: 'Adm1n-Pass-2026!' },
  service: { bindDN: `uid=${SERVICE_ACCOUNT.username},ou=service,dc=example,dc=test`, password: SERVICE_ACCOUNT.password },
  bindName: (username: string) => `uid=${username},ou=people,dc=example,dc=test`,
  outsiderBindName: 'uid=ops.admin,ou=admins,dc=example,dc=test',
};
