/**
 * `tsx scripts/ensure-openldap.ts [--fresh | --stop]`: makes sure a test OpenLDAP answers on
 * ldaps://127.0.0.1:4490 (and ldap://127.0.0.1:4489) with the demo people and groups of
 * scripts/lib/directory-seed.ts, the ppolicy and memberof overlays, and the portal's service
 * account, which may write passwords under ou=people and read elsewhere. Installs Debian's
 * `slapd` when missing (as root), keeps its whole configuration (cn=config) and data in its own
 * directory, and never touches /etc/ldap. A healthy server of the same seed version is reused
 * (tests change passwords, so tests never rely on a person's password they reset); `--fresh`
 * starts it afresh (under a second); `--stop` stops it and removes its directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { ensurePackages } from './lib/apt';
import { MAIL_DOMAIN, OUTSIDER, SEED_PASSWORD, SERVICE_ACCOUNT, directorySeed, groupsChildrenFirst } from './lib/directory-seed';
import { portTaken, recordedPid, spawnRecorded, stopRecorded, timed, waitFor } from './lib/server-process';
import { makeTestCertificates } from './lib/test-ca';
import { SLAPD } from './lib/test-directories';

const PID_FILE = join(SLAPD.dir, 'slapd.pid');
const VERSION_FILE = join(SLAPD.dir, 'seed-version');
const SLAPD_BIN = '/usr/sbin/slapd';
/** One person whose pwdReset the portal may not write: a reset with "require change" half succeeds there. */
const NO_REQUIRE_CHANGE = `uid=ava.jensen,${SLAPD.peopleDN}`;

function configLdif(tls: { ca: string; cert: string; key: string }): string {
  const svc = SLAPD.service.bindDN;
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcArgsFile: ${SLAPD.dir}/run/slapd.args
olcTLSCACertificateFile: ${tls.ca}
olcTLSCertificateFile: ${tls.cert}
olcTLSCertificateKeyFile: ${tls.key}

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: {0}back_mdb
olcModuleLoad: {1}memberof
olcModuleLoad: {2}ppolicy

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif

include: file:///etc/ldap/schema/cosine.ldif

include: file:///etc/ldap/schema/nis.ldif

include: file:///etc/ldap/schema/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: ${SLAPD.dir}/data
olcSuffix: ${SLAPD.baseDN}
olcRootDN: ${SLAPD.admin.bindDN}
olcRootPW: ${SLAPD.admin.password}
olcDbMaxSize: 268435456
olcDbIndex: objectClass eq
olcDbIndex: uid,mail,cn,sn,givenName,displayName eq,sub
olcDbIndex: member,memberOf,entryUUID eq
olcAccess: {0}to dn.exact="${NO_REQUIRE_CHANGE}" attrs=pwdReset by users read by * none
olcAccess: {1}to dn.subtree="${SLAPD.peopleDN}" attrs=userPassword,pwdReset by dn.exact="${svc}" write by self write by anonymous auth by * none
olcAccess: {2}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {3}to * by users read by * none

dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcMemberOf
olcOverlay: {0}memberof
olcMemberOfRefInt: TRUE

dn: olcOverlay={1}ppolicy,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcPPolicyConfig
olcOverlay: {1}ppolicy
olcPPolicyDefault: cn=default,ou=policies,${SLAPD.baseDN}
olcPPolicyHashCleartext: TRUE
`;
}

type Entry = [string, Record<string, string | string[]>];

function seedEntries(): Entry[] {
  const { people, groups } = directorySeed();
  const ou = (dn: string): Entry => [dn, { objectClass: 'organizationalUnit', ou: dn.split(',')[0]!.slice(3) }];
  const personDN = (u: string) => `uid=${u},${SLAPD.peopleDN}`;
  const groupDN = (g: string) => `cn=${g},${SLAPD.groupsDN}`;
  const entries: Entry[] = [
    [SLAPD.baseDN, { objectClass: ['dcObject', 'organization'], dc: 'example', o: 'Example' }],
    ...[SLAPD.peopleDN, SLAPD.groupsDN, SLAPD.serviceDN, SLAPD.adminsDN, `ou=policies,${SLAPD.baseDN}`].map(ou),
    [
      `cn=default,ou=policies,${SLAPD.baseDN}`,
      // Length and quality are checked on every reset by the service account (a `write` resetter;
      // ppolicy skips the checks only for `manage`). pwdLockout makes the permanent lock of a
      // disabled person count; pwdMaxFailure 0 never locks anyone for failed binds.
      {
        objectClass: ['organizationalRole', 'pwdPolicy'],
        cn: 'default',
        pwdAttribute: 'userPassword',
        pwdMinLength: '10',
        pwdCheckQuality: '2',
        pwdMustChange: 'TRUE',
        pwdAllowUserChange: 'TRUE',
        pwdLockout: 'TRUE',
        pwdMaxFailure: '0',
      },
    ],
    [
      SLAPD.service.bindDN,
      {
        objectClass: ['inetOrgPerson'],
        uid: SERVICE_ACCOUNT.username,
        cn: 'Portal service account',
        sn: 'service',
        userPassword: SERVICE_ACCOUNT.password,
      },
    ],
    [
      `uid=${OUTSIDER.username},${SLAPD.adminsDN}`,
      {
        objectClass: ['inetOrgPerson'],
        uid: OUTSIDER.username,
        cn: OUTSIDER.displayName,
        sn: 'Admin',
        displayName: OUTSIDER.displayName,
        mail: `${OUTSIDER.username}@${MAIL_DOMAIN}`,
        userPassword: SEED_PASSWORD,
      },
    ],
  ];
  for (const p of people) {
    const attrs: Record<string, string | string[]> = {
      objectClass: ['inetOrgPerson'],
      uid: p.username,
      cn: p.displayName,
      givenName: p.givenName,
      sn: p.surname,
      displayName: p.displayName,
      mail: `${p.username}@${MAIL_DOMAIN}`,
      userPassword: SEED_PASSWORD,
    };
    if (p.title) attrs.title = p.title;
    // ppolicy's permanent lock is how an OpenLDAP person is disabled.
    if (p.disabled) attrs.pwdAccountLockedTime = '000001010000Z';
    entries.push([personDN(p.username), attrs]);
  }
  for (const g of groupsChildrenFirst(groups)) {
    const members = [
      ...people.filter((p) => p.groups.includes(g.name)).map((p) => personDN(p.username)),
      ...groups.filter((child) => child.parents.includes(g.name)).map((child) => groupDN(child.name)),
    ];
    // groupOfNames needs a member; an empty group holds the empty DN, as OpenLDAP's docs suggest.
    entries.push([groupDN(g.name), { objectClass: 'groupOfNames', cn: g.name, member: members.length > 0 ? members : [''] }]);
  }
  return entries;
}

async function healthy(): Promise<boolean> {
  if (recordedPid(PID_FILE, 'slapd') === undefined) return false;
  if (!existsSync(VERSION_FILE) || readFileSync(VERSION_FILE, 'utf8') !== SLAPD.seedVersion) return false;
  const client = new Client({ url: SLAPD.url, connectTimeout: 2000, timeout: 2000, tlsOptions: { ca: readFileSync(SLAPD.caFile) } });
  try {
    await client.bind(SLAPD.service.bindDN, SLAPD.service.password);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => {});
  }
}

async function start(): Promise<void> {
  await stopRecorded(PID_FILE, 'slapd');
  for (const port of SLAPD.ports)
    if (await portTaken(port)) throw new Error(`127.0.0.1:${port} is taken by another program; stop it first`);
  rmSync(SLAPD.dir, { recursive: true, force: true });
  for (const sub of ['slapd.d', 'data', 'run']) mkdirSync(join(SLAPD.dir, sub), { recursive: true });
  const tls = makeTestCertificates(join(SLAPD.dir, 'tls'), 'slapd.example.test');
  writeFileSync(join(SLAPD.dir, 'config.ldif'), configLdif(tls));
  execFileSync('/usr/sbin/slapadd', ['-n0', '-F', join(SLAPD.dir, 'slapd.d'), '-l', join(SLAPD.dir, 'config.ldif')], { stdio: 'pipe' });
  const ldapi = `ldapi://${encodeURIComponent(join(SLAPD.dir, 'run', 'ldapi'))}`;
  const child = spawnRecorded(
    SLAPD_BIN,
    ['-d', '0', '-F', join(SLAPD.dir, 'slapd.d'), '-h', `${SLAPD.plainUrl}/ ${SLAPD.url}/ ${ldapi}`],
    PID_FILE,
    join(SLAPD.dir, 'slapd.log'),
  );
  await waitFor(
    () => portTaken(SLAPD.ports[1]!),
    20_000,
    () => child.exitCode !== null,
    `slapd (see ${SLAPD.dir}/slapd.log)`,
  );
}

async function seed(): Promise<void> {
  // Online as the root DN: slapadd would bypass the memberof overlay.
  const client = new Client({ url: SLAPD.url, connectTimeout: 5000, timeout: 10_000, tlsOptions: { ca: readFileSync(SLAPD.caFile) } });
  try {
    await client.bind(SLAPD.admin.bindDN, SLAPD.admin.password);
    for (const [dn, attrs] of seedEntries()) await client.add(dn, attrs);
  } finally {
    await client.unbind().catch(() => {});
  }
  writeFileSync(VERSION_FILE, SLAPD.seedVersion);
}

async function main(): Promise<void> {
  const started = performance.now();
  if (process.argv.includes('--stop')) {
    await stopRecorded(PID_FILE, 'slapd');
    rmSync(SLAPD.dir, { recursive: true, force: true });
    console.log(`test OpenLDAP: stopped, ${SLAPD.dir} removed`);
    return;
  }
  // The preseed keeps the package from creating a configuration and database of its own in /etc/ldap.
  ensurePackages('OpenLDAP', ['slapd', 'ldap-utils'], 'slapd slapd/no_configuration boolean true\n');
  if (!process.argv.includes('--fresh') && (await healthy())) {
    console.log(`test OpenLDAP: already running on ${SLAPD.url} (data in ${SLAPD.dir})`);
    return;
  }
  await timed('slapd config + start', start);
  await timed('slapd seed', seed);
  console.log(
    `test OpenLDAP: started on ${SLAPD.url} in ${((performance.now() - started) / 1000).toFixed(1)} s (CA ${SLAPD.caFile}, data in ${SLAPD.dir})`,
  );
}

main().catch((err: unknown) => {
  console.error(`Cannot provide OpenLDAP for the tests: ${(err as Error).message}`);
  process.exit(1);
});
