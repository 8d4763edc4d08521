/**
 * Seeds the test Samba AD over LDAPS as Administrator (about 1 s; one samba-tool call per person
 * would take 0.7 s each), then delegates to the portal's service account with one
 * `samba-tool dsacl set`: the Reset Password extended right and write access to pwdLastSet, on
 * user objects under OU=People only. docs/active-directory.md gives the same commands for admins.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Attribute, Change, Client } from 'ldapts';
import { MAIL_DOMAIN, OUTSIDER, SEED_PASSWORD, SERVICE_ACCOUNT, directorySeed, groupsChildrenFirst } from './directory-seed';
import { SAMBA } from './test-directories';

/** Schema GUIDs (Microsoft's AD schema docs): the Reset Password right, pwdLastSet, the user class. */
const RESET_PASSWORD = '00299570-246d-11d0-a768-00aa006e0529';
const PWD_LAST_SET = 'bf967a0a-0de6-11d0-a285-00aa003049e2';
const USER_CLASS = 'bf967aba-0de6-11d0-a285-00aa003049e2';
const NORMAL_ACCOUNT = 0x200;
const ACCOUNT_DISABLE = 0x2;
const DONT_EXPIRE_PASSWORD = 0x10000;

const unicodePwd = (password: string) => Buffer.from(`"${password}"`, 'utf16le');

/** A binary objectSid as S-1-5-21-...: revision, count, 48-bit authority, then 32-bit little-endian parts. */
export function sidToString(sid: Buffer): string {
  const authority = sid.readUIntBE(2, 6);
  const parts = Array.from({ length: sid[1]! }, (_, i) => sid.readUInt32LE(8 + 4 * i));
  return `S-${sid[0]}-${authority}-${parts.join('-')}`;
}

function userAttributes(
  p: { username: string; displayName: string; givenName: string; surname: string; title?: string },
  control: number,
  password: string,
  aliases: string[] = [],
): Attribute[] {
  const values: Record<string, string[]> = {
    objectClass: ['top', 'person', 'organizationalPerson', 'user'],
    cn: [p.username],
    sAMAccountName: [p.username],
    userPrincipalName: [SAMBA.bindName(p.username)],
    givenName: [p.givenName],
    sn: [p.surname],
    displayName: [p.displayName],
    mail: [`${p.username}@${MAIL_DOMAIN}`],
    // Exchange's convention: SMTP: is the primary address, smtp: the aliases.
    proxyAddresses: [`SMTP:${p.username}@${MAIL_DOMAIN}`, ...aliases.map((a) => `smtp:${a}`)],
    userAccountControl: [String(control)],
  };
  if (p.title) values.title = [p.title];
  return [
    ...Object.entries(values).map(([type, vals]) => new Attribute({ type, values: vals })),
    new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }),
  ];
}

/** The service account's rights on an OU's user objects: Reset Password, and write pwdLastSet (bench/samba-people.ts too). */
export function delegationSddl(serviceSid: string): string {
  return `(OA;CI;CR;${RESET_PASSWORD};${USER_CLASS};${serviceSid})(OA;CIIO;WP;${PWD_LAST_SET};${USER_CLASS};${serviceSid})`;
}

export async function seedSamba(conf: string): Promise<void> {
  const { people, groups } = directorySeed();
  const client = new Client({ url: SAMBA.url, connectTimeout: 5000, timeout: 20_000, tlsOptions: { ca: readFileSync(SAMBA.caFile) } });
  let serviceSid: string;
  try {
    await client.bind(SAMBA.admin.bindDN, SAMBA.admin.password);
    // The domain's password policy: at least 10 characters, complexity on (Samba's default), no
    // minimum age so tests may reset twice in a row.
    await client.modify(SAMBA.baseDN, [
      new Change({ operation: 'replace', modification: new Attribute({ type: 'minPwdLength', values: ['10'] }) }),
      new Change({ operation: 'replace', modification: new Attribute({ type: 'minPwdAge', values: ['0'] }) }),
    ]);
    for (const dn of [SAMBA.peopleDN, SAMBA.groupsDN, SAMBA.serviceDN, SAMBA.adminsDN]) {
      await client.add(dn, { objectClass: ['top', 'organizationalUnit'], ou: dn.split(',')[0]!.slice(3) });
    }
    await client.add(
      SAMBA.service.bindDN,
      userAttributes(
        { username: SERVICE_ACCOUNT.username, displayName: 'Portal service account', givenName: 'Portal', surname: 'Service' },
        NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD,
        SERVICE_ACCOUNT.password,
      ),
    );
    const outsiderDN = `CN=${OUTSIDER.username},${SAMBA.adminsDN}`;
    await client.add(
      outsiderDN,
      userAttributes(
        { username: OUTSIDER.username, displayName: OUTSIDER.displayName, givenName: 'Ops', surname: 'Admin' },
        NORMAL_ACCOUNT,
        SEED_PASSWORD,
      ),
    );
    await client.modify(`CN=Domain Admins,CN=Users,${SAMBA.baseDN}`, [
      new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [outsiderDN] }) }),
    ]);
    for (const p of people) {
      const control = NORMAL_ACCOUNT | (p.disabled ? ACCOUNT_DISABLE : 0);
      await client.add(`CN=${p.username},${SAMBA.peopleDN}`, userAttributes(p, control, SEED_PASSWORD, p.aliases));
    }
    for (const g of groupsChildrenFirst(groups)) {
      const members = [
        ...people.filter((p) => p.groups.includes(g.name)).map((p) => `CN=${p.username},${SAMBA.peopleDN}`),
        ...groups.filter((child) => child.parents.includes(g.name)).map((child) => `CN=${child.name},${SAMBA.groupsDN}`),
      ];
      const attrs: Record<string, string[]> = { objectClass: ['top', 'group'], cn: [g.name], sAMAccountName: [g.name] };
      await client.add(`CN=${g.name},${SAMBA.groupsDN}`, attrs);
      if (members.length > 0) {
        await client.modify(`CN=${g.name},${SAMBA.groupsDN}`, [
          new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: members }) }),
        ]);
      }
    }
    const { searchEntries } = await client.search(SAMBA.service.bindDN, {
      scope: 'base',
      attributes: ['objectSid'],
      explicitBufferAttributes: ['objectSid'],
    });
    serviceSid = sidToString(searchEntries[0]!.objectSid as Buffer);
  } finally {
    await client.unbind().catch(() => {});
  }
  const sddl = delegationSddl(serviceSid);
  // Its whole output is read: cutting it short (a closed pipe) aborted it before the write.
  execFileSync('samba-tool', ['dsacl', 'set', '-s', conf, `--objectdn=${SAMBA.peopleDN}`, `--sddl=${sddl}`], {
    stdio: 'pipe',
    timeout: 60_000,
  });
}
