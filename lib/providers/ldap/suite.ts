/**
 * The integration tests every LDAP flavour passes, against a real server started by
 * scripts/ensure-samba.ts or scripts/ensure-openldap.ts (no mocks): reads of the demo people and
 * groups, escaping of hostile input, and resets proven by binding as the person afterwards.
 * lib/providers/ldap/samba.test.ts and openldap.test.ts run it; each resets its own people, so the
 * seed's other people keep their seed password.
 */
import { readFileSync } from 'node:fs';
import { Client, InvalidCredentialsError } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEED_PASSWORD } from '../../../scripts/lib/directory-seed';
import { cannotRun, ensureTestDirectory } from '../../../scripts/lib/ensure-test-directory';
import type { SAMBA } from '../../../scripts/lib/test-directories';
import { DirectoryError } from '../../directory/errors';
import { LdapDirectory } from './directory';
import { ldapOptionsSchema, type LdapOptions } from './options';

export const ORG = 'example';
const PEOPLE = 41;

export interface SuiteServer {
  name: 'samba' | 'slapd';
  flavour: LdapOptions['flavour'];
  at: Pick<typeof SAMBA, 'url' | 'plainUrl' | 'baseDN' | 'peopleDN' | 'groupsDN' | 'caFile' | 'service' | 'bindName' | 'outsiderBindName'>;
}

/** A Directory for the server; `change` alters the options (another URL, base, password source). */
export function directoryFor(server: SuiteServer, change: Partial<Record<keyof LdapOptions, unknown>> = {}): LdapDirectory {
  const env = `TEST_LDAP_PASSWORD_${server.name.toUpperCase()}`;
  process.env[env] = server.at.service.password;
  const options = ldapOptionsSchema.parse({
    flavour: server.flavour,
    url: server.at.url,
    bindDN: server.at.service.bindDN,
    bindPasswordEnv: env,
    caFile: server.at.caFile,
    peopleBaseDN: server.at.peopleDN,
    groupBaseDN: server.at.groupsDN,
    timeoutMs: 5000,
    ...change,
  });
  return new LdapDirectory(() => options);
}

/** Binds as the person: resolves true for the right password, false for invalid credentials. */
export async function canBind(
  server: SuiteServer,
  username: string,
  password: string,
  bindName = server.at.bindName(username),
): Promise<boolean> {
  const client = new Client({
    url: server.at.url,
    connectTimeout: 5000,
    timeout: 5000,
    tlsOptions: { ca: readFileSync(server.at.caFile) },
  });
  try {
    await client.bind(bindName, password);
    return true;
  } catch (err) {
    if (err instanceof InvalidCredentialsError) return false;
    throw err;
  } finally {
    await client.unbind().catch(() => {});
  }
}

export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    expect(err).toBeInstanceOf(DirectoryError);
    return (err as DirectoryError).code;
  }
  throw new Error('expected a DirectoryError, but the call succeeded');
}

/** A fresh password each run that both servers' policies accept. */
export const freshPassword = () => `Fresh-${Math.random().toString(36).slice(2, 10)}-Pw9!`;

export function ldapSuite(server: SuiteServer, extra?: (directory: () => LdapDirectory) => void): void {
  const skip = cannotRun(server.name);
  if (skip) console.warn(skip);
  describe.skipIf(skip !== undefined)(`LdapDirectory (${server.flavour}) against ${server.name}`, () => {
    let directory: LdapDirectory;
    beforeAll(async () => {
      await ensureTestDirectory(server.name);
      directory = directoryFor(server);
    }, 180_000);
    afterAll(() => directory?.close());

    it('lists every person once, in username order, over pages, without service accounts', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await directory.listPeople(ORG, { cursor, limit: 10 });
        seen.push(...page.people.map((p) => p.username));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(PEOPLE);
      expect(new Set(seen).size).toBe(PEOPLE);
      expect([...seen].sort((a, b) => a.localeCompare(b))).toEqual(seen);
      expect(seen).not.toContain('svc-portal');
      expect((await directory.allPeople(ORG)).map((p) => p.username).sort()).toEqual([...seen].sort());
    });

    it('reads the whole directory once for first pages asked at the same time, and again only after a while', async () => {
      const fresh = directoryFor(server);
      const reads = vi.spyOn(fresh, 'allPeople');
      try {
        const pages = await Promise.all([1, 2, 3].map(() => fresh.listPeople(ORG, { limit: 5 })));
        expect(reads).toHaveBeenCalledTimes(1);
        expect(new Set(pages.map((p) => p.people.map((x) => x.username).join()))).toHaveProperty('size', 1);
        await fresh.listPeople(ORG, { limit: 5 });
        expect(reads).toHaveBeenCalledTimes(1);
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(Date.now() + 11_000);
        await fresh.listPeople(ORG, { limit: 5 });
        expect(reads).toHaveBeenCalledTimes(2);
      } finally {
        vi.useRealTimers();
        await fresh.close();
      }
    });

    it('maps a person: ids, names, email, and the disabled state', async () => {
      const priya = await directory.getPerson(ORG, 'priya.patel');
      expect(priya).toMatchObject({
        username: 'priya.patel',
        displayName: 'Priya Patel',
        email: 'priya.patel@example.com',
        state: 'enabled',
        kind: 'person',
        organizationId: ORG,
      });
      expect(priya!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect((await directory.getPerson(ORG, priya!.id))?.username).toBe('priya.patel');
      expect((await directory.getPerson(ORG, 'priya.patel@example.com'))?.id).toBe(priya!.id);
      expect((await directory.getPerson(ORG, 'sam.lee'))?.state).toBe('disabled');
      expect(await directory.getPerson(ORG, 'nobody.here')).toBeNull();
      expect(await directory.getPerson(ORG, 'svc-portal')).toBeNull();
    });

    it('finds people by username, name and email prefix, and by exact id', async () => {
      const names = async (q: string, fields?: Parameters<LdapDirectory['findByPrefix']>[2]) =>
        (await directory.findByPrefix(ORG, q, fields)).people.map((p) => p.username).sort();
      expect(await names('priya')).toEqual(['priya.patel']);
      expect(await names('Pat')).toEqual(['priya.patel']);
      expect(await names('maria.g', ['email'])).toEqual(['maria.garcia']);
      expect(await names('maria.g', ['displayName'])).toEqual([]);
      const priya = await directory.getPerson(ORG, 'priya.patel');
      expect(await names(priya!.id)).toEqual(['priya.patel']);
      const all = await directory.findByPrefix(ORG, 'a');
      expect(all.truncated).toBe(false);
    });

    it('treats filter syntax in a query as text: nothing extra, never an error', async () => {
      for (const q of ['*', '*)(uid=*', '*)(|(objectClass=*)', ')(', '\\', '\\2a', 'a\u0000b', 'Zoë', '𝒜', '(cn=*)']) {
        expect((await directory.findByPrefix(ORG, q)).people, q).toEqual([]);
        expect(await directory.getPerson(ORG, q), q).toBeNull();
      }
    });

    it('resolves nested groups both ways', async () => {
      const priya = await directory.getPerson(ORG, 'priya.patel');
      const jane = await directory.getPerson(ORG, 'jane.doe');
      const erin = await directory.getPerson(ORG, 'erin.exec');
      expect(await directory.groupsOf(ORG, priya!.id)).toEqual(['engineering', 'platform']);
      expect(await directory.groupsOf(ORG, erin!.id)).toEqual(['engineering', 'executives']);
      const engineering = await directory.membersOf(ORG, 'engineering');
      expect(engineering.has(priya!.id) && engineering.has(jane!.id)).toBe(true);
      const platform = await directory.membersOf(ORG, 'platform');
      expect(platform.has(priya!.id)).toBe(true);
      expect(platform.has(jane!.id)).toBe(false);
      expect(await codeOf(directory.membersOf(ORG, 'no-such-group'))).toBe('group-not-found');
      expect(await codeOf(directory.membersOf(ORG, '*'))).toBe('group-not-found');
    });

    it('resets a password: the new one binds and the old one no longer does', async () => {
      const john = await directory.getPerson(ORG, 'john.smith');
      const first = freshPassword();
      const second = freshPassword();
      await directory.resetPassword(ORG, john!.id, first);
      expect(await canBind(server, 'john.smith', first)).toBe(true);
      await directory.resetPassword(ORG, john!.id, second);
      expect(await canBind(server, 'john.smith', second)).toBe(true);
      expect(await canBind(server, 'john.smith', first)).toBe(false);
      // A password the server's policy refuses changes nothing.
      expect(await codeOf(directory.resetPassword(ORG, john!.id, 'abc'))).toBe('invalid-password');
      expect(await canBind(server, 'john.smith', second)).toBe(true);
    });

    it('sets a password with characters beyond ASCII exactly as typed', async () => {
      const noah = await directory.getPerson(ORG, 'noah.kim');
      const password = `Grüße-Ñandú-€${Math.random().toString(36).slice(2, 6)}9`;
      await directory.resetPassword(ORG, noah!.id, password);
      expect(await canBind(server, 'noah.kim', password)).toBe(true);
      expect(await canBind(server, 'noah.kim', password.normalize('NFD'))).toBe(false);
    });

    it('refuses a reset outside the delegation with access-denied, and an unknown id with not-found', async () => {
      const wide = directoryFor(server, { peopleBaseDN: server.at.baseDN });
      try {
        const outsider = await wide.getPerson(ORG, 'ops.admin');
        expect(outsider).not.toBeNull();
        expect(await codeOf(wide.resetPassword(ORG, outsider!.id, freshPassword()))).toBe('access-denied');
        expect(await canBind(server, 'ops.admin', SEED_PASSWORD, server.at.outsiderBindName)).toBe(true);
      } finally {
        await wide.close();
      }
      expect(await codeOf(directory.resetPassword(ORG, '00000000-0000-4000-8000-000000000000', freshPassword()))).toBe('not-found');
    });

    it('maps connection failures: wrong service password, refused port, untrusted certificate', async () => {
      process.env.TEST_LDAP_WRONG = 'not-the-password';
      const cases: Array<[Partial<Record<keyof LdapOptions, unknown>>, string]> = [
        [{ bindPasswordEnv: 'TEST_LDAP_WRONG' }, 'credentials'],
        [{ bindPasswordEnv: 'TEST_LDAP_UNSET_VARIABLE' }, 'credentials'],
        [{ url: 'ldaps://127.0.0.1:1' }, 'directory-unavailable'],
        [{ caFile: '/etc/ssl/certs/ca-certificates.crt' }, 'directory-unavailable'],
      ];
      for (const [change, code] of cases) {
        const broken = directoryFor(server, change);
        expect(await codeOf(broken.getPerson(ORG, 'jane.doe')), JSON.stringify(change)).toBe(code);
        await broken.close();
      }
    });

    extra?.(() => directory);
  });
}
