/**
 * What a test directory (scripts/ensure-samba.ts, scripts/ensure-openldap.ts) now holds, asked the
 * way a person or the directory's admin would: by binding as the person with their password, and
 * by reading an entry as the admin. Also puts a person at a password only this test knows, so a
 * test can show that the old one stops working. Straight ldapts, none of the portal's code.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Attribute, BerWriter, Change, Client, InvalidCredentialsError } from 'ldapts';
import { SAMBA, SLAPD } from '../scripts/lib/test-directories';

export type TestServer = 'samba' | 'slapd';
const AT = { samba: SAMBA, slapd: SLAPD };

async function withClient<T>(server: TestServer, work: (client: Client) => Promise<T>): Promise<T> {
  const at = AT[server];
  const client = new Client({ url: at.url, connectTimeout: 5000, timeout: 5000, tlsOptions: { ca: readFileSync(at.caFile) } });
  try {
    return await work(client);
  } finally {
    await client.unbind().catch(() => {});
  }
}

/**
 * Binds as the person: `ok`, or the server's refusal (AD's message carries `data 773` when the
 * password must be changed first). A bind, not ldapwhoami: Samba 4.17 fails that after a good bind.
 */
export async function bindAs(server: TestServer, username: string, password: string): Promise<'ok' | { refused: string }> {
  return withClient(server, async (client) => {
    try {
      await client.bind(AT[server].bindName(username), password);
      return 'ok' as const;
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return { refused: err.message };
      throw err;
    }
  });
}

/** One entry's attributes under the people base, read as the directory's admin. */
export async function readPerson(server: TestServer, username: string, attributes: string[]): Promise<Record<string, string | undefined>> {
  const at = AT[server];
  return withClient(server, async (client) => {
    await client.bind(at.admin.bindDN, at.admin.password);
    const attribute = server === 'samba' ? 'sAMAccountName' : 'uid';
    const { searchEntries } = await client.search(at.peopleDN, { scope: 'sub', filter: `(${attribute}=${username})`, attributes });
    if (searchEntries.length !== 1) throw new Error(`${username}: ${searchEntries.length} entries`);
    const entry = searchEntries[0]!;
    const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
    return Object.fromEntries(attributes.map((a) => [a, first(entry[a]) === undefined ? undefined : String(first(entry[a]))]));
  });
}

/** A password each call, that both servers' policies accept. */
export const freshPassword = (prefix = 'Known') => `${prefix}-${randomBytes(5).toString('hex')}-Pw7!`;

/**
 * Sets the person's password to a fresh one, as the portal's service account, with nothing pending
 * (AD: pwdLastSet = now; OpenLDAP: a resetter's Password Modify clears pwdReset), and returns it:
 * the "old" password of the test that follows, whatever earlier runs left behind.
 */
export async function setKnownPassword(server: TestServer, username: string): Promise<string> {
  const at = AT[server];
  const password = freshPassword();
  await withClient(server, async (client) => {
    await client.bind(at.service.bindDN, at.service.password);
    const dn = server === 'samba' ? `CN=${username},${at.peopleDN}` : at.bindName(username);
    if (server === 'samba') {
      await client.modify(dn, [
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'unicodePwd', values: [Buffer.from(`"${password}"`, 'utf16le')] }),
        }),
        new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdLastSet', values: ['-1'] }) }),
      ]);
    } else {
      const request = new BerWriter();
      request.startSequence();
      request.writeString(dn, 0x80);
      request.writeString(password, 0x82);
      request.endSequence();
      await client.exop('1.3.6.1.4.1.4203.1.11.1', request.buffer);
    }
  });
  return password;
}
