/**
 * The people of bench/directory.ts: `<first>.<last>.<n>` user objects in their own OU of the test
 * Samba AD (scripts/ensure-samba.ts), never in OU=People, which the tests reset. The OU is kept
 * between runs: each run counts who is there and adds only who is missing, in parallel batches.
 * The portal's service account gets the same rights on it as on OU=People (scripts/lib/samba-seed.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Attribute, Change, Client, Control } from 'ldapts';
import { MAIL_DOMAIN } from '../scripts/lib/directory-seed';
import { delegationSddl, sidToString } from '../scripts/lib/samba-seed';
import { SAMBA } from '../scripts/lib/test-directories';
import { FIRST, LAST } from '../emulators/workmail/generate';

export const BENCH_OU = `OU=Bench,${SAMBA.baseDN}`;
/** Microsoft's tree delete control: the server deletes an entry and everything under it. */
const TREE_DELETE = '1.2.840.113556.1.4.805';
/** Written to the OU's description once the service account's rights are set on it. */
const READY_MARK = 'workmail-portal bench: service account delegated';

/** The n-th bench person; at most 19 characters, under sAMAccountName's limit of 20. */
export function benchPerson(n: number) {
  const first = FIRST[n % FIRST.length]!;
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
  const username = `${first}.${last}.${n}`.toLowerCase();
  return { username, first, last, displayName: `${first} ${last}`, dn: `CN=${username},${BENCH_OU}` };
}

/**
 * Without a password, flagged PASSWD_NOTREQD (0x20) next to NORMAL_ACCOUNT (0x200): enabled, and
 * far faster to add than with one (Samba derives every key of a password on add). The bench sets
 * their passwords through the reset it measures.
 */
function attributes(n: number): Attribute[] {
  const p = benchPerson(n);
  const values: Record<string, string[]> = {
    objectClass: ['top', 'person', 'organizationalPerson', 'user'],
    cn: [p.username],
    sAMAccountName: [p.username],
    userPrincipalName: [SAMBA.bindName(p.username)],
    givenName: [p.first],
    sn: [p.last],
    displayName: [p.displayName],
    mail: [`${p.username}@${MAIL_DOMAIN}`],
    userAccountControl: [String(0x200 | 0x20)],
  };
  return Object.entries(values).map(([type, vals]) => new Attribute({ type, values: vals }));
}

const adminClient = async () => {
  const client = new Client({ url: SAMBA.url, connectTimeout: 5000, timeout: 60_000, tlsOptions: { ca: readFileSync(SAMBA.caFile) } });
  await client.bind(SAMBA.admin.bindDN, SAMBA.admin.password);
  return client;
};

/** The OU, created if missing, with the service account's reset rights on the user objects in it. */
async function ensureOu(client: Client): Promise<void> {
  const { searchEntries } = await client
    .search(BENCH_OU, { scope: 'base', attributes: ['description'] })
    .catch(() => ({ searchEntries: [] as Array<Record<string, unknown>> }));
  if (searchEntries.length === 0) await client.add(BENCH_OU, { objectClass: ['top', 'organizationalUnit'], ou: 'Bench' });
  if (searchEntries[0]?.description === READY_MARK) return;
  const { searchEntries: service } = await client.search(SAMBA.service.bindDN, {
    scope: 'base',
    attributes: ['objectSid'],
    explicitBufferAttributes: ['objectSid'],
  });
  const sddl = delegationSddl(sidToString(service[0]!.objectSid as Buffer));
  execFileSync('samba-tool', ['dsacl', 'set', '-s', join(SAMBA.dir, 'etc', 'smb.conf'), `--objectdn=${BENCH_OU}`, `--sddl=${sddl}`], {
    stdio: 'pipe',
    timeout: 60_000,
  });
  await client.modify(
    BENCH_OU,
    new Change({ operation: 'replace', modification: new Attribute({ type: 'description', values: [READY_MARK] }) }),
  );
}

/** Usernames already in the OU. */
async function present(client: Client): Promise<Set<string>> {
  const names = new Set<string>();
  const pages = client.searchPaginated(BENCH_OU, {
    scope: 'one',
    filter: '(objectClass=user)',
    attributes: ['sAMAccountName'],
    paged: { pageSize: 500 },
  });
  for await (const page of pages) for (const e of page.searchEntries) names.add(String(e.sAMAccountName).toLowerCase());
  return names;
}

export interface BenchPeople {
  count: number;
  added: number;
  seconds: number;
  /** People added per second this run (undefined when none were missing). */
  addRate?: number;
}

/**
 * Makes the first `count` bench people exist, adding the missing ones over `connections`
 * connections, `inFlight` adds at a time on each, until `deadlineMs` has passed: then it stops and
 * reports how many there are (a slow machine gets a smaller directory rather than a stuck bench).
 */
export async function ensureBenchPeople(count: number, deadlineMs: number, connections = 4, inFlight = 8): Promise<BenchPeople> {
  const started = performance.now();
  const clients = await Promise.all(Array.from({ length: connections }, adminClient));
  try {
    await ensureOu(clients[0]!);
    const have = await present(clients[0]!);
    const missing = Array.from({ length: count }, (_, n) => n).filter((n) => !have.has(benchPerson(n).username));
    const addStarted = performance.now();
    let next = 0;
    let added = 0;
    const worker = async (client: Client) => {
      while (next < missing.length && performance.now() - started < deadlineMs) {
        const n = missing[next++]!;
        await client.add(benchPerson(n).dn, attributes(n));
        added++;
      }
    };
    await Promise.all(clients.flatMap((c) => Array.from({ length: inFlight }, () => worker(c))));
    const addSeconds = (performance.now() - addStarted) / 1000;
    return {
      count: have.size + added,
      added,
      seconds: (performance.now() - started) / 1000,
      addRate: added ? added / addSeconds : undefined,
    };
  } finally {
    await Promise.all(clients.map((c) => c.unbind().catch(() => {})));
  }
}

/**
 * Deletes the OU and its people in one request. They slow the tests' prefix searches in OU=People
 * too (Samba indexes no substrings, so each scans every person of the domain), so
 * `tsx bench/samba-people.ts --remove` gives the tests their small directory back; the next bench
 * run adds everyone again.
 */
export async function removeBenchPeople(ou = BENCH_OU): Promise<void> {
  const client = await adminClient();
  try {
    await client.del(ou, new Control(TREE_DELETE, { critical: true }));
  } finally {
    await client.unbind().catch(() => {});
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv.includes('--remove')) {
  const started = performance.now();
  removeBenchPeople().then(
    () => console.log(`removed ${BENCH_OU} in ${((performance.now() - started) / 1000).toFixed(1)} s`),
    (err: unknown) => {
      console.error(`cannot remove ${BENCH_OU}: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
