/**
 * The test directories that scripts/ensure-samba.ts and scripts/ensure-openldap.ts start: each
 * answers over LDAPS with the pinned test CA, a seeded person binds with the seed password, the
 * disabled person cannot, and the nesting of the demo groups holds. Skipped (with the reason)
 * where the servers cannot be installed.
 */
import { readFileSync } from 'node:fs';
import { Client, InvalidCredentialsError } from 'ldapts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PASSWORD } from './lib/directory-seed';
import { cannotRun, ensureTestDirectory } from './lib/ensure-test-directory';
import { SAMBA, SLAPD } from './lib/test-directories';

const servers = [
  // AD resolves nesting itself; OpenLDAP's memberof overlay marks the nested group.
  {
    name: 'samba' as const,
    at: SAMBA,
    nested: `(memberOf:1.2.840.113556.1.4.1941:=CN=engineering,${SAMBA.groupsDN})`,
    expected: 'priya.patel',
  },
  { name: 'slapd' as const, at: SLAPD, nested: `(memberOf=cn=engineering,${SLAPD.groupsDN})`, expected: 'platform' },
];

for (const { name, at, nested, expected } of servers) {
  const skip = cannotRun(name);
  if (skip) console.warn(skip);
  describe.skipIf(skip !== undefined)(`${name} test directory`, () => {
    const clients: Client[] = [];
    const client = () => {
      const c = new Client({ url: at.url, connectTimeout: 5000, timeout: 5000, tlsOptions: { ca: readFileSync(at.caFile) } });
      clients.push(c);
      return c;
    };
    beforeAll(() => ensureTestDirectory(name), 180_000);
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.unbind().catch(() => {})));
    });

    it('lets a seeded person bind over LDAPS with the seed password, checking the certificate', async () => {
      await expect(client().bind(at.bindName('tom.brown'), SEED_PASSWORD)).resolves.toBeUndefined();
    });

    it('refuses the disabled person and a wrong password', async () => {
      await expect(client().bind(at.bindName('sam.lee'), SEED_PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);
      await expect(client().bind(at.bindName('tom.brown'), 'not-the-password')).rejects.toBeInstanceOf(InvalidCredentialsError);
    });

    it('holds the demo groups, with platform nested in engineering', async () => {
      const c = client();
      await c.bind(at.service.bindDN, at.service.password);
      const { searchEntries } = await c.search(at.baseDN, { filter: nested, attributes: ['cn'] });
      expect(searchEntries.map((e) => String(e.cn))).toContain(expected);
    });
  });
}
