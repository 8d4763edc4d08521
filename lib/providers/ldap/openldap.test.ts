/** LdapDirectory's `ldap` flavour against a real OpenLDAP (scripts/ensure-openldap.ts); the shared cases are in ./suite.ts. */
import { Attribute, Change, Client } from 'ldapts';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SLAPD } from '../../../scripts/lib/test-directories';
import { ORG, canBind, codeOf, directoryFor, freshPassword, ldapSuite, type SuiteServer } from './suite';

const server: SuiteServer = { name: 'slapd', flavour: 'ldap', at: SLAPD };

ldapSuite(server, (directory) => {
  it('with requireChange, sets ppolicy pwdReset so the person must change it at next sign-in', async () => {
    const liam = await directory().getPerson(ORG, 'liam.carter');
    const password = freshPassword();
    expect(await directory().resetPassword(ORG, liam!.id, password, { requireChange: true })).toEqual({ requireChangeApplied: true });
    expect(await canBind(server, 'liam.carter', password)).toBe(true);
    const admin = new Client({ url: SLAPD.url, tlsOptions: { ca: readFileSync(SLAPD.caFile) }, timeout: 5000 });
    try {
      await admin.bind(SLAPD.admin.bindDN, SLAPD.admin.password);
      const { searchEntries } = await admin.search(SLAPD.bindName('liam.carter'), { scope: 'base', attributes: ['pwdReset'] });
      expect(searchEntries[0]?.pwdReset).toBe('TRUE');
    } finally {
      await admin.unbind();
    }
  });

  it('says when the password was set but "require change" was refused (ppolicy needs a second write)', async () => {
    const ava = await directory().getPerson(ORG, 'ava.jensen');
    const password = freshPassword();
    const outcome = await directory().resetPassword(ORG, ava!.id, password, { requireChange: true });
    expect(outcome.requireChangeApplied).toBe(false);
    expect(outcome.requireChangeError?.code).toBe('access-denied');
    expect(await canBind(server, 'ava.jensen', password)).toBe(true);
  });

  it('never sends a password over plain LDAP, although this server would take it', async () => {
    const plain = directoryFor(server, { url: SLAPD.plainUrl, caFile: undefined });
    const tom = await plain.getPerson(ORG, 'tom.brown');
    expect(tom?.username).toBe('tom.brown');
    expect(await codeOf(plain.resetPassword(ORG, tom!.id, freshPassword()))).toBe('unsupported');
    await plain.close();
  });

  it('shows a lock after wrong passwords as a fact, and the permanent lock as disabled', async () => {
    const admin = new Client({ url: SLAPD.url, tlsOptions: { ca: readFileSync(SLAPD.caFile) }, timeout: 5000 });
    const dn = SLAPD.bindName('noah.kim');
    const lock = (value: string) => new Attribute({ type: 'pwdAccountLockedTime', values: [value] });
    try {
      await admin.bind(SLAPD.admin.bindDN, SLAPD.admin.password);
      expect(await directory().getPerson(ORG, 'noah.kim')).toMatchObject({ state: 'enabled', lockedOut: false });
      await admin.modify(dn, new Change({ operation: 'replace', modification: lock('20260101000000Z') }));
      expect(await directory().getPerson(ORG, 'noah.kim')).toMatchObject({ state: 'enabled', lockedOut: true });
      expect(await directory().getPerson(ORG, 'sam.lee')).toMatchObject({ state: 'disabled', lockedOut: false });
    } finally {
      await admin
        .modify(dn, new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime' }) }))
        .catch(() => {});
      await admin.unbind().catch(() => {});
    }
  });
});
