/** LdapDirectory's `active-directory` flavour against a real Samba AD DC (scripts/ensure-samba.ts); the shared cases are in ./suite.ts. */
import { Attribute, Change, Client, InvalidCredentialsError } from 'ldapts';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SAMBA } from '../../../scripts/lib/test-directories';
import { ORG, codeOf, directoryFor, freshPassword, ldapSuite, type SuiteServer } from './suite';

const server: SuiteServer = { name: 'samba', flavour: 'active-directory', at: SAMBA };

ldapSuite(server, (directory) => {
  it('with requireChange, sets pwdLastSet=0: the new password no longer signs in until changed (AD data 773)', async () => {
    const emma = await directory().getPerson(ORG, 'emma.rossi');
    const password = freshPassword();
    expect(await directory().resetPassword(ORG, emma!.id, password, { requireChange: true })).toEqual({ requireChangeApplied: true });
    const client = new Client({ url: SAMBA.url, tlsOptions: { ca: readFileSync(SAMBA.caFile) }, timeout: 5000 });
    try {
      const refused = await client.bind(SAMBA.bindName('emma.rossi'), password).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(InvalidCredentialsError);
      expect((refused as Error).message).toMatch(/data 773/);
    } finally {
      await client.unbind().catch(() => {});
    }
  });

  it('over plain LDAP: refuses the reset before sending, and Samba refuses the bind (a configuration error)', async () => {
    const plain = directoryFor(server, { url: SAMBA.plainUrl, caFile: undefined });
    expect(await codeOf(plain.resetPassword(ORG, '00000000-0000-4000-8000-000000000000', freshPassword()))).toBe('unsupported');
    expect(await codeOf(plain.getPerson(ORG, 'jane.doe'))).toBe('unsupported');
    await plain.close();
  });

  it('lists further addresses from proxyAddresses, and finds a person by one or by their sign-in name', async () => {
    const bob = await directory().getPerson(ORG, 'bob');
    expect((await directory().aliasesOf(ORG, bob!.id)).sort()).toEqual(['b.lead@example.com', 'bob.lead@example.com']);
    expect((await directory().getPerson(ORG, 'BOB.LEAD@example.com'))?.id).toBe(bob!.id);
    expect((await directory().getPerson(ORG, 'bob@example.test'))?.id).toBe(bob!.id);
  });

  it('counts a user object with a service principal name as a service account, not a person', async () => {
    const admin = new Client({ url: SAMBA.url, tlsOptions: { ca: readFileSync(SAMBA.caFile) }, timeout: 5000 });
    const spn = new Attribute({ type: 'servicePrincipalName', values: ['HTTP/portal-test.example.test'] });
    let dn = '';
    try {
      await admin.bind(SAMBA.admin.bindDN, SAMBA.admin.password);
      const { searchEntries } = await admin.search(SAMBA.peopleDN, { filter: '(sAMAccountName=olivia.nguyen)', attributes: ['dn'] });
      dn = searchEntries[0]!.dn;
      const before = await directory().getPerson(ORG, 'olivia.nguyen');
      expect(before?.kind).toBe('person');
      await admin.modify(dn, new Change({ operation: 'add', modification: spn }));
      expect((await directory().getPerson(ORG, 'olivia.nguyen'))?.kind).toBe('service');
    } finally {
      if (dn) await admin.modify(dn, new Change({ operation: 'delete', modification: spn })).catch(() => {});
      await admin.unbind().catch(() => {});
    }
  });
});
